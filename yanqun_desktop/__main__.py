import sys

from yanqun_desktop.cli import main

sys.exit(main())
