# year in the directory, the front matter, the title and the date
cd tests/cases/M003/site && "$OLDPWD/$TALLY" lint --no-color
