from fazhilint.cli import main

main()
