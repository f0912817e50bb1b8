"""fazhilint: a compliance linter for 法治政府建设 annual reports and other 公文 reports."""

__version__ = "0.1.0"
