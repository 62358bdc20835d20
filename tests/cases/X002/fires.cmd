# Project reports of a unit-year against its overall report's 项目支出:
# panlong's add up to more; guandu's (with a budget, not an executed
# amount, in one of them) do not.
"$TALLY" -C tests/cases/X002/site lint --no-color
