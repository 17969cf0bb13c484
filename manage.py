#!/usr/bin/env python
"""Django's manage.py, kept for habit; ``coproduce`` is the same command."""

from coproduce.cli import main

if __name__ == "__main__":
    main()
