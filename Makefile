# The two commands a newcomer needs (README): `make serve` and `make test`.
# Everything else is installed by these targets on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup browser nginx serve build test validate report benchmark

$(VENV)/.installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -e .
	touch $@

setup: $(VENV)/.installed

# Debian's Chromium for the browser tests (Playwright's own browser download does not work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# Debian's nginx for the tests that serve the site as deployed (tests/test_nginx.py). The package
# starts a default server on port 80 after installing: stop and disable it (the tests run their own).
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq nginx-light && \
		{ $(SUDO) service nginx stop || true; } && { $(SUDO) update-rc.d nginx disable >/dev/null 2>&1 || true; }; }

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(PY) scripts/build_site.py

test: setup browser nginx
	$(PY) -m pytest

validate: setup
	$(PY) scripts/validate_data.py

benchmark: setup
	$(PY) scripts/benchmark.py
