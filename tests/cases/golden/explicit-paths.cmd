# A path named on the command line that gives no report: a directory
# without one is nothing to check (exit 0); a file that is not a .md
# report, or a FIFO, is reported as not checked (exit 2), beside the
# reports that were checked.
top=$(pwd)
d=$(mktemp -d)
cp -r content schemas tally.yaml "$d/"
cd "$d"
mkdir empty
echo "notes" >notes.txt
mkfifo pipe.md
echo "== an empty directory"
"$top/$TALLY" lint --no-color empty
echo "exit $?"
echo "== a text file and a FIFO"
"$top/$TALLY" lint --no-color notes.txt pipe.md
echo "exit $?"
echo "== beside a report"
"$top/$TALLY" --lang en lint --no-color -q notes.txt content/dongan-grid/2023/overall.md | grep -c 'dongan-grid'
"$top/$TALLY" --lang en lint --no-color -q notes.txt content/dongan-grid/2023/overall.md | grep -v 'dongan-grid'
cd "$top"
rm -rf "$d"
