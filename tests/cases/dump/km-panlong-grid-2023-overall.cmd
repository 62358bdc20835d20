# tally dump of a sample report
"$TALLY" dump content/km-panlong-grid/2023/overall.md
