# tally dump of a sample report
"$TALLY" dump content/dongan-grid/2023/overall.md
