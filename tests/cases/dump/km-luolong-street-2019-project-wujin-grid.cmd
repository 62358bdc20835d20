# tally dump of a sample report
"$TALLY" dump content/km-luolong-street/2019/project-wujin-grid.md
