# a unit directory without unit.yaml is reported once; one with it is not
cd tests/cases/M004/site && "$OLDPWD/$TALLY" lint --no-color
