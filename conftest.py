"""Test-suite defaults: quick mode and no downloads, for the unit tests and the nbval kernels.

The kernels nbval starts inherit this environment. Set a variable yourself to override it,
for example ``COURSE_QUICK=0 pytest notebooks`` runs the notebooks in full mode.
"""

import os

os.environ.setdefault("COURSE_QUICK", "1")
os.environ.setdefault("COURSE_OFFLINE", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# The Korean notebooks hold the English notebooks' code, cell for cell (tests/test_translate.py
# proves it, comments aside), so running the English ones under nbval covers both editions.
collect_ignore_glob = ["notebooks/ko/*"]
