#!/bin/bash
# Compare the ABI dump built against the host's headers with ours.
# Prints one FAIL line per difference and the runner's summary line.
dir=$(dirname "$0")
sys=$("$dir/abi_sys") || { echo "abi_sys failed"; echo "0 passed, 1 failed"; exit 1; }
ours=$("$dir/abi_ours") || { echo "abi_ours failed"; echo "0 passed, 1 failed"; exit 1; }
pass=0; fail=0
while IFS= read -r line; do
	name=${line% *}
	want=$(grep -F -x -m1 -- "$line" <<<"$sys")
	if [ -n "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: ours '${line##* }', linux '$(grep -F -m1 -- "$name " <<<"$sys" | awk '{print $NF}')'"
	fi
done <<<"$ours"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
