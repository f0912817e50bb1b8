"""``fazhilint serve``: a web page for clerks and the county's submission ledger (optional extra).

Install with ``pip install "fazhilint[serve]"``; nothing here is imported by ``fazhilint check``.
"""
