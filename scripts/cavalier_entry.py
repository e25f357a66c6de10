"""Entry point of the frozen application (PyInstaller runs this file as ``cavalier``)."""

import multiprocessing
import sys

from ui.launch import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
