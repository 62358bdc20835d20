# the rule list of README.md is generated from the rule table
TALLY="$TALLY" sh scripts/readme-rules.sh --check
