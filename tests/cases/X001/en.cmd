# The same in English.
"$TALLY" -C tests/cases/X001/site --lang en lint --no-color content/dongan
