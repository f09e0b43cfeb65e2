"""python -m diary.cli: the same as the diary command."""

from diary.cli import main

main()
