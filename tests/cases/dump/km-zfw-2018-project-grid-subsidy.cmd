# tally dump of a sample report
"$TALLY" dump content/km-zfw/2018/project-grid-subsidy.md
