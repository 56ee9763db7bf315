"""Runs a command, passes its output through (stderr into stdout) and then
prints 'exit status N', so that a test can check the status with FileCheck
(lit's shell has no $?)."""
import subprocess
import sys

result = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT)
sys.stdout.write(result.stdout.decode("utf-8", "replace"))
print("exit status %d" % result.returncode)
