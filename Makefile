# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CATALOGS := $(patsubst %.po,%.mo,$(wildcard resources/locale/*/LC_MESSAGES/verkosto.po))
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test bench lint format catalog extract clean dist

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24" "setuptools>=75" "babel>=2.14"

$(VENV)/.installed-run: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The test tools and the freezer: a slow test builds the frozen program (see `dist`).
$(VENV)/.installed-test: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,dist]"
	touch $@ $(VENV)/.installed-run $(VENV)/.installed-dist

$(VENV)/.installed-dist: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dist]"
	touch $@ $(VENV)/.installed-run

%.mo: %.po | $(BIN)/python
	$(BIN)/python packaging/catalogs.py compile

catalog: $(CATALOGS)

run: $(VENV)/.installed-run catalog
	$(BIN)/verkosto --demo

test: $(VENV)/.installed-test catalog
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

# The Linux program: dist/verkosto-VERSION-linux-x86_64.tar.gz and dist/verkosto_VERSION_amd64.deb
# (needs dpkg-deb and binutils; a build from unchanged inputs is reused).
dist: $(VENV)/.installed-dist catalog
	$(BIN)/python packaging/build_linux.py --reuse

bench: $(VENV)/.installed-test catalog
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks packaging
	$(BIN)/ruff format --check src tests benchmarks packaging
	$(BIN)/mypy
	$(BIN)/vulture src packaging/vulture_whitelist.py --min-confidence 80

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests benchmarks packaging
	$(BIN)/ruff check --fix src tests benchmarks packaging

extract: $(VENV)/.installed-test
	$(BIN)/python packaging/catalogs.py extract

clean:
	rm -rf $(VENV) build dist src/*.egg-info
	find resources/locale -name '*.mo' -delete
