# tally - a plain Makefile.  Libraries come from pkg-config; objects are
# grouped by pipeline stage (DESIGN section 9).  `make check` and `make site`
# install missing Debian packages first (scripts/install-deps.sh).
#
# Local overrides (CC, CFLAGS, NODEPS=1 to skip the package check) go in
# Makefile.local.

CC      ?= cc
CSTD    ?= -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    ?= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter
OPT     ?= -O2 -g
SAN     ?= -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=undefined
PKGS    = libcmark-gfm yaml-0.1 libgit2 jansson libutf8proc libxxhash

sinclude Makefile.local

# Recursive (=) so pkg-config runs only when a recipe needs it, after the
# deps step has installed the packages.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
TEST_LIBS  = $(shell pkg-config --libs cmocka)
# tally itself opens libgit2 with dlopen on first use (src/load/git.c), so
# that a run that reads no repository does not load it and what it pulls
# in; the unit tests and fuzzers still link it.
TALLY_LIBS = $(shell pkg-config --libs $(filter-out libgit2,$(PKGS)))

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

UTIL_SRC  = $(wildcard src/util/*.c)
MODEL_SRC = $(wildcard src/model/*.c)
LOAD_SRC  = $(wildcard src/load/*.c)
DIAG_SRC  = $(wildcard src/diag/*.c)
LINT_SRC  = $(wildcard src/lint/*.c)
SITE_SRC  = $(wildcard src/site/*.c)
LIB_SRC   = $(UTIL_SRC) $(MODEL_SRC) $(LOAD_SRC) $(DIAG_SRC) $(LINT_SRC) $(SITE_SRC)
UNIT_SRC  = $(wildcard tests/unit/test_*.c)

B   = build
BA  = build/asan
LIB_OBJ   = $(LIB_SRC:%.c=$(B)/%.o)
LIB_OBJ_A = $(LIB_SRC:%.c=$(BA)/%.o)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(BA)/tests/%)

TALLY   = $(B)/tally
TALLY_A = $(BA)/tally

.PHONY: fuzz-yaml fuzz-plain all deps deps-check check unit cases formats workflows sitecheck prose-eval browser site bench fuzz asan valgrind \
        install clean regen

all: deps $(TALLY)

deps:
ifndef NODEPS
	@sh scripts/install-deps.sh build
endif

deps-check:
ifndef NODEPS
	@sh scripts/install-deps.sh check
endif

CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -DTALLY_VERSION='"$(VERSION)"' -MMD -MP $(PKG_CFLAGS) $(CFLAGS)

$(B)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BA)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(SAN) -c $< -o $@

$(B)/libtally.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BA)/libtally.a: $(LIB_OBJ_A)
	@rm -f $@
	ar rcs $@ $^

$(TALLY): $(B)/src/main.o $(B)/libtally.a
	$(CC) $(OPT) -o $@ $^ $(TALLY_LIBS) $(LDFLAGS)

$(TALLY_A): $(BA)/src/main.o $(BA)/libtally.a
	$(CC) $(OPT) $(SAN) -o $@ $^ $(TALLY_LIBS) $(LDFLAGS)

$(BA)/tests/%: tests/unit/%.c $(BA)/libtally.a | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(SAN) -Isrc -o $@ $< $(BA)/libtally.a $(TEST_LIBS) $(PKG_LIBS)

asan: deps $(TALLY_A)

# --- tests ---------------------------------------------------------------

check: deps-check
	@$(MAKE) --no-print-directory NODEPS=1 all asan
	@$(MAKE) --no-print-directory NODEPS=1 unit cases formats workflows sitecheck prose-eval browser

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

cases: $(TALLY_A)
	@sh tests/run-cases.sh $(TALLY_A)

formats: $(TALLY_A)
	@sh tests/run-formats.sh $(TALLY_A)

workflows:
	@sh tests/run-workflows.sh

# The site in headless Chromium: navigation, search, every link, console
# errors, axe-core at WCAG 2.1 AA, phone width, print; screenshots kept in
# tests/out/browser/ for review.
browser: $(TALLY)
	@sh tests/browser/run.sh $(TALLY)

# Precision and recall of the prose rules on tests/prose (labelled corpus
# and injected errors); fails under precision 0.95 or recall 0.90.
prose-eval: $(TALLY_A)
	@python3 tests/prose/eval.py $(TALLY_A)

regen: $(TALLY)
	@sh tests/run-cases.sh --regen $(TALLY)
	@sh tests/site/run.sh --regen $(TALLY)

# libFuzzer on the load → model → lint path (clang), seeded from the
# sample corpus and the regression cases.  FUZZ_SECONDS=60 by default.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
	-fsanitize=fuzzer,address,undefined -Isrc -DTALLY_VERSION='"$(VERSION)"'
fuzz: deps
	@mkdir -p $(B)/fuzz/corpus
	clang $(FUZZ_FLAGS) $(PKG_CFLAGS) -o $(B)/fuzz/fuzz_report \
	    tests/fuzz/fuzz_report.c $(LIB_SRC) $(PKG_LIBS)
	@find content tests/cases -name '*.md' -exec cp {} $(B)/fuzz/corpus/ \;
	$(B)/fuzz/fuzz_report -max_total_time=$(FUZZ_SECONDS) \
	    -dict=tests/fuzz/fuzz.dict -max_len=65536 $(B)/fuzz/corpus

# the outline's plain path against cmark's: any difference aborts
fuzz-plain: deps
	@mkdir -p $(B)/fuzz/corpus-plain
	clang $(FUZZ_FLAGS) $(PKG_CFLAGS) -o $(B)/fuzz/fuzz_plain \
	    tests/fuzz/fuzz_plain.c $(LIB_SRC) $(PKG_LIBS)
	@for f in $$(find content tests/cases -name '*.md'); do \
	    awk 'n >= 2 {print} /^---$$/ {n++}' $$f > $(B)/fuzz/corpus-plain/$$(echo $$f | tr / _); done
	$(B)/fuzz/fuzz_plain -max_total_time=$(FUZZ_SECONDS) \
	    -dict=tests/fuzz/fuzz.dict -max_len=16384 $(B)/fuzz/corpus-plain

# the fast front-matter reader against libyaml: any difference aborts
fuzz-yaml: deps
	@mkdir -p $(B)/fuzz/corpus-yaml
	clang $(FUZZ_FLAGS) $(PKG_CFLAGS) -o $(B)/fuzz/fuzz_yaml \
	    tests/fuzz/fuzz_yaml.c $(LIB_SRC) $(PKG_LIBS)
	@find content -name '*.yaml' -exec cp {} $(B)/fuzz/corpus-yaml/ \;
	$(B)/fuzz/fuzz_yaml -max_total_time=$(FUZZ_SECONDS) \
	    -dict=tests/fuzz/yaml.dict $(B)/fuzz/corpus-yaml

valgrind: $(TALLY)
	@sh tests/run-valgrind.sh $(TALLY)

# --- the sample site -------------------------------------------------------

site: deps
	@$(MAKE) --no-print-directory NODEPS=1 all
	$(TALLY) schemas
	-$(TALLY) lint
	$(TALLY) build
	@echo "site: built into public/.  To look at it:"
	@echo "  python3 -m http.server -d public 8000   then open http://localhost:8000/"

sitecheck: $(TALLY_A)
	@sh tests/site/run.sh $(TALLY_A)

# --- benchmark (bench/README.md) --------------------------------------------

$(B)/bench-gen: bench/gen.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) $(CFLAGS) -o $@ $< $(LDFLAGS)

bench:
ifndef NODEPS
	@sh scripts/install-deps.sh bench
endif
	@sh bench/run.sh

install: $(TALLY)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(TALLY) $(DESTDIR)$(PREFIX)/bin/tally

PREFIX ?= /usr/local

clean:
	rm -rf $(B)

-include $(LIB_OBJ:.o=.d) $(LIB_OBJ_A:.o=.d) $(B)/src/main.d $(BA)/src/main.d
