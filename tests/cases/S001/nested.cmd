# A required child section is required only when its parent is present.
"$TALLY" -C tests/cases/S001/nested-site lint --no-color
