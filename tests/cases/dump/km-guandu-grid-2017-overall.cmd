# tally dump of a sample report
"$TALLY" dump content/km-guandu-grid/2017/overall.md
