# Prints each failed test of a trx file with the first lines of its message and stack trace, then of its output
# (where the test kit writes the last log lines of each resource of the failed test's topology).
function unescape(s) {
  gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "'", s); gsub(/&#xD;/, "", s); gsub(/&#xA;/, "\n", s); gsub(/&amp;/, "\\&", s)
  return s
}
/<UnitTestResult / {
  failed = ($0 ~ /outcome="(Failed|Error|Timeout)"/)
  if (failed) {
    name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name)
    print "FAILED " unescape(name); lines = 0; outlines = 0
  }
}
failed && /<Message>/ { inmsg = 1; sub(/.*<Message>/, "") }
failed && /<StackTrace>/ { inmsg = 1; sub(/.*<StackTrace>/, "") }
failed && inmsg {
  line = $0; done = sub(/<\/(Message|StackTrace)>.*/, "", line)
  if (lines < max) print "    " unescape(line); lines++
  if (done) inmsg = 0
}
failed && /<StdOut>/ { inout = 1; sub(/.*<StdOut>/, ""); print "    --- output ---" }
failed && inout {
  line = $0; done = sub(/<\/StdOut>.*/, "", line)
  if (outlines < max * 3) print "    " unescape(line); outlines++
  if (done) inout = 0
}
/<\/UnitTestResult>/ { failed = 0; inout = 0 }
