#!/usr/bin/env python3
"""What `python manage.py collectstatic` copies for a default Django project: the static
files of the contrib apps `django-admin startproject` installs (admin's CSS, JS, images),
read from Django's wheel on PyPI (facts::DJANGO_COLLECTSTATIC, data/MEASURED.md).
Needs pip and PyPI."""
import glob
import subprocess
import sys
import tempfile
import zipfile

DEFAULT_APPS = ["admin", "auth", "contenttypes", "sessions", "messages", "staticfiles"]

with tempfile.TemporaryDirectory() as d:
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "django", "-d", d], check=True)
    wheel = glob.glob(f"{d}/*.whl")[0]
    z = zipfile.ZipFile(wheel)
    total = files = 0
    for i in z.infolist():
        parts = i.filename.split("/")
        if len(parts) > 4 and parts[:2] == ["django", "contrib"] and parts[2] in DEFAULT_APPS and parts[3] == "static" and not i.is_dir():
            total += i.file_size
            files += 1
    print(f"{wheel.rsplit('/', 1)[1]}: {files} static files of the default apps, {total} B")
