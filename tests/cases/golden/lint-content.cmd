# tally lint on the whole sample corpus (the golden file of the lint issue).
# Seed 003's "实际使用资金299元" (299 万元 in its table) is reported as P005;
# A002 on figures.sample.use_rate is the same slip as transcribed into front matter.
"$TALLY" lint --no-color
