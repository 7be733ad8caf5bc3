#!/bin/sh
# Writers under faults. For each kind of write -- import of one file, bulk
# import of a folder, amendment proposal, paragraph status change, apply,
# export to a file:
#  1. CONC processes at once (default 8) lose nothing: every write that
#     said it was made is there afterwards, and the repository is valid;
#  2. a writer killed with SIGKILL at a random moment (a sleep of 0 to X ms,
#     X about the command's own run time), KILLS times per kind (default
#     50 in make check, 5 under the sanitizers, where a command takes 1-4 s
#     instead of 30-300 ms: the whole suite must stay well under half an
#     hour on 2 cores; the issue's 300 per kind is KILLS=300, run by hand
#     and reported in the closing note),
#     leaves: git fsck clean; the branch or reference at a whole
#     commit holding the previous or the new state, never a half; redline
#     log (and amend list / status) working; an export destination absent or
#     complete, never partial; and a next write that succeeds -- or, where
#     the killed writer left a lock, fails naming that lock file (checked
#     once per lock and kind: the wait for a lock takes seconds), and
#     succeeds once it is removed.
# The texts are small (8 clauses), so that the commands are short; each
# kill is still followed by a git fsck, a redline log and a write, about
# 0.3 s of CPU: 300 kills per kind are minutes (KILLS= fewer while working).
# KILLED_KEEP=DIR keeps the repository of the first problem and stops.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 TERM=dumb GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home" GIT_CEILING_DIRECTORIES="$tmp"
mkdir -p "$HOME"
git config --global user.name "Secretariat"
git config --global user.email "s@example.org"
who="Secretariat (test) <s@example.org>"

if nm "$redline" 2>/dev/null | grep -q '__asan_init'; then sanitized=1; else sanitized=0; fi
if [ -z "$KILLS" ]; then
	if [ $sanitized = 1 ]; then KILLS=5; else KILLS=50; fi
fi
: "${CONC:=8}"
echo "# $KILLS kills per kind, $CONC writers at once (KILLS=, CONC= change them)"
start=$(date +%s)

# mk SYMBOL WORD: a small resolution whose symbol and operative text vary
mk() {
	printf '%s. Small test\n\nThe General Assembly,\n\nRecalling its earlier resolutions,\n\n' "$1"
	for k in 1 2 3 4 5 6 7 8; do printf '%d. Decides to act on item %d, %s;\n\n' $k $k "$2"; done
}

# rc_ok STATUS: the write was made (export, like diff, says 1 when the two
# versions differ)
okrc=0
rc_ok() {
	case " $okrc " in *" $1 "*) return 0 ;; esac
	return 1
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# delays N MAX_MS: N random delays in seconds, 0 to MAX_MS ms (the loops
# give one and a half times the command's shortest run: a command killed
# at random runs slower than one timed alone, and its last steps -- a
# reference moved, a version marked -- must be reached too)
delays() {
	awk -v n="$1" -v max="$2" -v seed="$(date +%N)" 'BEGIN { srand(seed); for (i = 0; i < n; i++) printf "%.4f ", rand() * max / 1000 }'
}

# run_killed DELAY ARGS...: redline ARGS in the background, SIGKILLed after
# DELAY seconds (unless it finished first). Run it in a subshell with
# stderr sent away: the shell reports the kill.
run_killed() {
	kd=$1
	shift
	"$redline" "$@" >/dev/null 2>&1 </dev/null &
	kp=$!
	sleep "$kd"
	kill -9 "$kp" 2>/dev/null
	wait "$kp"
}

# A problem found in a kill loop: counted, the first few shown.
problem() {
	nprob=$((nprob + 1))
	[ "$nprob" -le 5 ] && echo "# $kind, kill $i: $1"
	# KILLED_KEEP=DIR: the repository of the first problem kept, and stop
	if [ -n "$KILLED_KEEP" ]; then rm -rf "$KILLED_KEEP"; cp -a "$repo" "$KILLED_KEEP"; exit 1; fi
}

# stale_locks GITDIR: what a killed writer left locked (by globs, not
# find: this runs after every kill)
stale_locks() {
	for l in "$1"/*.lock "$1"/refs/heads/*.lock "$1"/refs/tags/*.lock "$1"/redline/*.lock \
		"$1"/refs/redline/*/*.lock "$1"/refs/redline/*/*/*.lock; do
		[ -e "$l" ] && echo "$l"
	done
}

# next_write ARGS...: the write after a kill. Where locks were left and
# one of them is new to this kind, the write must succeed or fail naming
# one of them, which is then removed, until it succeeds or none is left (a
# lock is waited for seconds before it is named: once per lock and kind).
# Then the rest are removed, and the write must succeed.
next_write() {
	locks=$(stale_locks "$gitdir")
	made=
	if [ -n "$locks" ]; then
		nlocked=$((nlocked + 1))
		new_lock=
		for l in $locks; do
			case " $seen_locks " in *" ${l#"$gitdir"/} "*) ;; *) new_lock=1 ;; esac
		done
		while [ -n "$new_lock" ] && [ -n "$locks" ]; do
			(cd "$repo" && "$redline" "$@") >"$tmp/lockerr" 2>&1
			rc_ok $? && { made=1; break; }
			hit=
			for l in $locks; do
				if grep -qF "'$l'" "$tmp/lockerr"; then hit=$l; fi
			done
			if [ -z "$hit" ]; then
				problem "locks left ($(echo $locks)), and the error names none: $(cat "$tmp/lockerr")"
				break
			fi
			base=${hit#"$gitdir"/}
			case " $named " in *" $base "*) ;; *) named="$named $base" ;; esac
			rm -f "$hit"
			locks=$(stale_locks "$gitdir")
		done
		for l in $locks; do
			case " $seen_locks " in *" ${l#"$gitdir"/} "*) ;; *) seen_locks="$seen_locks ${l#"$gitdir"/}" ;; esac
		done
		rm -f $locks
	fi
	# made already, beside a lock it did not need
	[ -n "$made" ] && return 0
	(cd "$repo" && "$redline" "$@") >/dev/null 2>"$tmp/nexterr"
	if ! rc_ok $?; then
		problem "the next write failed: $(cat "$tmp/nexterr")"
		return 1
	fi
	return 0
}

# fsck_ok: the whole repository valid
fsck_ok() {
	git -C "$repo" fsck --no-progress >"$tmp/fsck" 2>&1 || { problem "git fsck exited $?: $(head -5 "$tmp/fsck" | tr '\n' ' ')"; return 1; }
	grep -v '^dangling\|^unreachable' "$tmp/fsck" | grep -q . && { problem "git fsck: $(head -3 "$tmp/fsck")"; return 1; }
	return 0
}

# report KIND: one TAP line for a kill loop
report() {
	secs=$(($(date +%s) - loop_start))
	tagnote=
	[ "$ntag" -gt 0 ] && tagnote="; killed between a commit and its tag $ntag times"
	if [ "$nprob" = 0 ]; then
		ok "$kind: $KILLS killed at random (0-$((max * 3 / 2))ms), $nland finished first; every time fsck clean, previous or new state whole, next write made; locks left ${nlocked} times${named:+, named:$named}$tagnote (${secs}s)"
	else
		not_ok "$kind: $nprob problems in $KILLS kills (${secs}s)"
	fi
}

loop_init() {
	kind=$1
	nprob=0 nland=0 nlocked=0 ntag=0 seen_locks= named=
	loop_start=$(date +%s)
}

# new_repo NAME: a repository with a work tree and one version of t.txt
new_repo() {
	repo="$tmp/$1"
	gitdir="$repo/.git"
	git init -q -b main "$repo"
	mk 1/1 first >"$tmp/$1-first.txt"
	(cd "$repo" && "$redline" import --author="$who" --path=t.txt --date=2024-01-01 "$tmp/$1-first.txt") >/dev/null ||
		not_ok "$1: first import"
}

# at_once NAME ARGS...: CONC runs of redline ARGS in $repo at once, each
# its own ARGS with @I@ replaced by its number; $bad counts those that
# failed (their messages shown, unless $expect_told: all but one are told
# why not)
at_once() {
	name=$1
	shift
	i=1
	while [ $i -le "$CONC" ]; do
		args=
		for a in "$@"; do args="$args '$(echo "$a" | sed "s/@I@/$i/g")'"; done
		(cd "$repo" && eval "\"\$redline\" $args" >"$tmp/$name-out$i" 2>"$tmp/$name-err$i"; echo $? >"$tmp/$name-rc$i") &
		i=$((i + 1))
	done
	wait
	bad=0
	i=1
	while [ $i -le "$CONC" ]; do
		rc_ok "$(cat "$tmp/$name-rc$i")" || { bad=$((bad + 1)); [ -n "$expect_told" ] || sed 's/^/# /' "$tmp/$name-err$i"; }
		i=$((i + 1))
	done
}

# timed ARGS...: redline ARGS in $repo, run to the end; $max becomes the
# shortest such run in ms (callers empty it, then time a few writes): the
# longest delay before a kill
timed() {
	t0=$(now_ms)
	(cd "$repo" && "$redline" "$@") >/dev/null 2>"$tmp/timederr"
	rc_ok $? || not_ok "$kind: $* $(cat "$tmp/timederr")"
	t=$(($(now_ms) - t0))
	if [ -z "$max" ] || [ "$t" -lt "$max" ]; then max=$t; fi
}

# pack now and then: a repository of hundreds of loose objects makes each
# fsck slower, which would be the loop's whole time
pack_sometimes() {
	[ $((i % 50)) = 0 ] && git -C "$repo" repack -adq
}

# log_ok: the series' history readable
log_ok() {
	(cd "$repo" && "$redline" log --oneline -n 1 t.txt) >/dev/null 2>"$tmp/logerr" || problem "log: $(cat "$tmp/logerr")"
}

# ---------------------------------------------------------------- import
kind_import() {
	new_repo imp
	i=1
	while [ $i -le "$CONC" ]; do mk "2/$i" "at once $i" >"$tmp/c$i.txt"; i=$((i + 1)); done
	at_once imp import --author="$who" --path=t.txt --date=2024-01-02 "$tmp/c@I@.txt"
	i=1
	while [ $i -le "$CONC" ]; do
		git -C "$repo" rev-parse -q --verify "refs/tags/A_RES_2_$i" >/dev/null || bad=$((bad + 1))
		i=$((i + 1))
	done
	n=$(git -C "$repo" rev-list --count main)
	if [ $bad = 0 ] && [ "$n" = $((CONC + 1)) ] && fsck_ok && [ -z "$(git -C "$repo" status --porcelain)" ]; then
		ok "import: $CONC at once, each a commit and a tag, the work tree clean"
	else
		not_ok "import: $CONC at once: $bad failed or missing, $n commits"
	fi

	# killed: the branch at the previous version or the new one, the work
	# tree's file whole and following it once the next import is made
	loop_init import
	max=
	for t in 1 2 3; do
		mk "3/0$t" timed >"$tmp/k.txt"
		timed import --author="$who" --path=t.txt --date=2024-01-03 "$tmp/k.txt"
	done
	prev=$(git -C "$repo" rev-parse HEAD:t.txt)
	set -- $(delays "$KILLS" "$((max * 3 / 2))")
	i=1
	while [ $i -le "$KILLS" ]; do
		mk "3/$i" "killed $i" >"$tmp/k.txt"
		(cd "$repo" && run_killed "$1" import --author="$who" --path=t.txt --date=2024-01-03 "$tmp/k.txt") 2>/dev/null
		shift
		fsck_ok
		now=$(git -C "$repo" rev-parse -q --verify HEAD:t.txt)
		if [ "$now" != "$prev" ]; then
			[ "$now" = "$(git hash-object "$tmp/k.txt")" ] || problem "t.txt at HEAD is neither the previous version nor the new one"
			nland=$((nland + 1))
			# killed before it tagged: the same import again tags it
			git -C "$repo" rev-parse -q --verify "refs/tags/A_RES_3_$i" >/dev/null || {
				ntag=$((ntag + 1))
				next_write import --author="$who" --path=t.txt --date=2024-01-03 "$tmp/k.txt"
				git -C "$repo" rev-parse -q --verify "refs/tags/A_RES_3_$i" >/dev/null ||
					problem "A_RES_3_$i not tagged by the same import again"
			}
		fi
		log_ok
		mk "4/$i" "after $i" >"$tmp/n.txt"
		next_write import --author="$who" --path=t.txt --date=2024-01-03 "$tmp/n.txt"
		prev=$(git -C "$repo" rev-parse HEAD:t.txt)
		[ "$prev" = "$(git hash-object "$tmp/n.txt")" ] || problem "the next import is not at HEAD"
		cmp -s "$repo/t.txt" "$tmp/n.txt" || problem "the work tree's file did not follow"
		pack_sometimes
		i=$((i + 1))
	done
	[ -z "$(git -C "$repo" status --porcelain)" ] || problem "the work tree is not clean: $(git -C "$repo" status --porcelain)"
	report
}

# ---------------------------------------------------------------- bulk import
kind_bulk() {
	new_repo bulk
	# at once, each its own folder of two documents
	i=1
	while [ $i -le "$CONC" ]; do
		mkdir "$tmp/bc$i"
		mk "5/${i}1" "folder $i a" >"$tmp/bc$i/a.txt"
		mk "5/${i}2" "folder $i b" >"$tmp/bc$i/b.txt"
		i=$((i + 1))
	done
	at_once bulk import --author="$who" "$tmp/bc@I@"
	i=1
	while [ $i -le "$CONC" ]; do
		for j in 1 2; do
			git -C "$repo" rev-parse -q --verify "refs/tags/A_RES_5_$i$j" >/dev/null || bad=$((bad + 1))
		done
		i=$((i + 1))
	done
	n=$(git -C "$repo" rev-list --count main)
	if [ $bad = 0 ] && [ "$n" = $((2 * CONC + 1)) ] && fsck_ok && [ -z "$(git -C "$repo" status --porcelain)" ]; then
		ok "bulk import: $CONC folders at once, each document a commit and a tag"
	else
		not_ok "bulk import: $CONC folders at once: $bad failed or missing, $n commits"
	fi
	# at once, all the same folder: each document once
	mkdir "$tmp/bsame"
	mk 5/91 "same a" >"$tmp/bsame/a.txt"
	mk 5/92 "same b" >"$tmp/bsame/b.txt"
	n0=$(git -C "$repo" rev-list --count main)
	at_once bsame import --author="$who" "$tmp/bsame"
	n=$(git -C "$repo" rev-list --count main)
	# runs that started before either imported catch up with what the
	# others committed before each document (seen under the sanitizers,
	# where a run takes seconds, as documents imported twice)
	if [ $bad = 0 ] && [ "$n" = $((n0 + 2)) ] && fsck_ok; then
		ok "bulk import: one folder $CONC times at once, each document once"
	else
		not_ok "bulk import: one folder $CONC times at once: $bad failed, $((n - n0)) commits for 2 documents"
	fi

	# killed: HEAD at the previous version or one of the folder's; the same
	# import again goes on where it stopped and brings both
	loop_init "bulk import"
	max=
	for t in 1 2 3; do
		mkdir "$tmp/bt$t"
		mk "6/0$t" "timed a" >"$tmp/bt$t/a.txt"
		mk "7/0$t" "timed b" >"$tmp/bt$t/b.txt"
		timed import --author="$who" "$tmp/bt$t"
	done
	prev=$(git -C "$repo" rev-parse HEAD:t.txt)
	set -- $(delays "$KILLS" "$((max * 3 / 2))")
	i=1
	while [ $i -le "$KILLS" ]; do
		mkdir "$tmp/b$i"
		mk "6/$i" "killed a $i" >"$tmp/b$i/a.txt"
		mk "7/$i" "killed b $i" >"$tmp/b$i/b.txt"
		(cd "$repo" && run_killed "$1" import --author="$who" "$tmp/b$i") 2>/dev/null
		shift
		fsck_ok
		now=$(git -C "$repo" rev-parse -q --verify HEAD:t.txt)
		if [ "$now" != "$prev" ]; then
			case $now in
			"$(git hash-object "$tmp/b$i/a.txt")" | "$(git hash-object "$tmp/b$i/b.txt")") ;;
			*) problem "t.txt at HEAD is neither the previous version nor one of the folder's" ;;
			esac
			nland=$((nland + 1))
		fi
		log_ok
		next_write import --author="$who" "$tmp/b$i"
		# each document there, by its symbol; its tag too, but for a run
		# killed between a commit and its tag: the run made again skips
		# what is in and does not tag it (counted, said below)
		for j in 6 7; do
			git -C "$repo" rev-parse -q --verify "refs/tags/A_RES_${j}_$i" >/dev/null || {
				ntag=$((ntag + 1))
				(cd "$repo" && "$redline" show "A/RES/$j/$i") >/dev/null 2>&1 ||
					problem "A/RES/$j/$i not there after the import was made again"
			}
		done
		[ "$(git -C "$repo" log --format=%s | grep -c "^A/RES/[67]/$i:")" = 2 ] || problem "the folder's documents not there once each"
		prev=$(git -C "$repo" rev-parse HEAD:t.txt)
		rm -r "$tmp/b$i"
		pack_sometimes
		i=$((i + 1))
	done
	[ -z "$(git -C "$repo" status --porcelain)" ] || problem "the work tree is not clean: $(git -C "$repo" status --porcelain)"
	report
}

# ---------------------------------------------------------------- amend propose
amend_count() {
	(cd "$repo" && "$redline" amend list -- t.txt) 2>"$tmp/lerr" | wc -l
}

kind_propose() {
	new_repo prop
	echo "1. Decides to act at once;" >"$tmp/op1.txt"
	at_once prop amend propose --clause OP1 --sponsor "S@I@" --text-file "$tmp/op1.txt" -- t.txt
	n=$(amend_count)
	i=1
	while [ $i -le "$CONC" ]; do
		(cd "$repo" && "$redline" amend list --sponsor "S$i" -- t.txt) | grep -q . || bad=$((bad + 1))
		i=$((i + 1))
	done
	if [ $bad = 0 ] && [ "$n" = "$CONC" ] && fsck_ok; then
		ok "amend propose: $CONC at once, each there"
	else
		not_ok "amend propose: $CONC at once: $bad failed or missing, $n listed"
	fi

	loop_init "amend propose"
	max=
	for t in 1 2 3; do timed amend propose --clause OP2 --sponsor T --text-file "$tmp/op1.txt" -- t.txt; done
	prev=$(amend_count)
	set -- $(delays "$KILLS" "$((max * 3 / 2))")
	i=1
	while [ $i -le "$KILLS" ]; do
		(cd "$repo" && run_killed "$1" amend propose --clause OP2 --sponsor "K$i" --text-file "$tmp/op1.txt" -- t.txt) 2>/dev/null
		shift
		fsck_ok
		now=$(amend_count)
		[ -s "$tmp/lerr" ] && problem "amend list: $(cat "$tmp/lerr")"
		if [ "$now" != "$prev" ]; then
			[ "$now" = $((prev + 1)) ] || problem "$now amendments listed, $prev before"
			nland=$((nland + 1))
		fi
		log_ok
		next_write amend propose --clause OP3 --sponsor "N$i" --text-file "$tmp/op1.txt" -- t.txt
		prev=$(amend_count)
		[ "$prev" = $((now + 1)) ] || problem "the next proposal not listed"
		pack_sometimes
		i=$((i + 1))
	done
	report
}

# ---------------------------------------------------------------- amend status
# status_of CLAUSE: its status, as amend status lists it
status_of() {
	(cd "$repo" && "$redline" amend status -- t.txt) 2>"$tmp/serr" | awk -v c="$1" '$1 == c { print $2 (($3 == "ad") ? " ad ref" : ""); exit }'
}

kind_status() {
	new_repo stat
	at_once stat amend status "OP@I@" agreed -- t.txt
	i=1
	while [ $i -le "$CONC" ] && [ $i -le 8 ]; do
		[ "$(status_of OP$i)" = agreed ] || bad=$((bad + 1))
		i=$((i + 1))
	done
	if [ $bad = 0 ] && fsck_ok; then
		ok "amend status: $CONC paragraphs' statuses set at once, each there"
	else
		not_ok "amend status: $CONC at once: $bad failed or missing"
	fi
	# the same paragraph at once: each is told, and the one there is one of them
	at_once stat1 amend status OP1 agreed-ad-ref -- t.txt
	if [ "$(status_of OP1)" = "agreed ad ref" ] && fsck_ok; then
		ok "amend status: one paragraph $CONC times at once: $((CONC - bad)) made, $bad told; the last there"
	else
		not_ok "amend status: one paragraph at once: '$(status_of OP1)'"
	fi

	loop_init "amend status"
	max=
	for t in agreed agreed-ad-ref pending; do timed amend status OP2 $t -- t.txt; done
	prev=pending
	set -- $(delays "$KILLS" "$((max * 3 / 2))")
	i=1
	while [ $i -le "$KILLS" ]; do
		case $prev in pending) new=agreed ;; agreed) new=agreed-ad-ref ;; *) new=pending ;; esac
		(cd "$repo" && run_killed "$1" amend status OP2 "$new" -- t.txt) 2>/dev/null
		shift
		fsck_ok
		now=$(status_of OP2)
		[ -s "$tmp/serr" ] && problem "amend status: $(cat "$tmp/serr")"
		if [ "$now" != "$prev" ]; then
			[ "$now" = "$(echo "$new" | sed 's/-/ /g')" ] || problem "OP2 is '$now', neither '$prev' nor '$new'"
			nland=$((nland + 1))
		fi
		log_ok
		case $new in pending) next=agreed ;; agreed) next=agreed-ad-ref ;; *) next=pending ;; esac
		next_write amend status OP2 "$next" -- t.txt
		prev=$(status_of OP2)
		[ "$prev" = "$(echo "$next" | sed 's/-/ /g')" ] || problem "OP2 is '$prev' after it was set to '$next'"
		pack_sometimes
		i=$((i + 1))
	done
	report
}

# ---------------------------------------------------------------- amend apply
# propose_accepted TEXT: a new amendment replacing OP1, accepted; $aid its id
propose_accepted() {
	echo "1. Decides $1;" >"$tmp/ap.txt"
	aid=$( (cd "$repo" && "$redline" amend propose --clause OP1 --sponsor A --text-file "$tmp/ap.txt" -- t.txt) | sed -n 's/^proposed \([0-9a-f]*\):.*/\1/p')
	(cd "$repo" && "$redline" amend accept "$aid") >/dev/null || not_ok "accept $aid"
}

kind_apply() {
	new_repo apply
	# at once: one version made, the amendment applied once
	propose_accepted "at once"
	expect_told=1
	at_once apply amend apply -- t.txt
	expect_told=
	n=$(git -C "$repo" rev-list --count main)
	if [ "$n" = 2 ] && [ $bad = $((CONC - 1)) ] && git -C "$repo" show HEAD:t.txt | grep -q "Decides at once" &&
		(cd "$repo" && "$redline" amend show "$aid") | grep -q "applied in" && fsck_ok; then
		ok "amend apply: $CONC at once: one version, the amendment applied once, $bad told"
	else
		not_ok "amend apply: $CONC at once: $((n - 1)) versions, $bad told"
		i=1
		while [ $i -le "$CONC" ]; do
			echo "# $i: exit $(cat "$tmp/apply-rc$i"): $(cat "$tmp/apply-out$i" "$tmp/apply-err$i" | tr '\n' ' ')"
			i=$((i + 1))
		done
	fi

	loop_init "amend apply"
	max=
	for t in 1 2 3; do
		propose_accepted "timed $t"
		timed amend apply -- t.txt
	done
	prev=$(git -C "$repo" rev-parse HEAD:t.txt)
	set -- $(delays "$KILLS" "$((max * 3 / 2))")
	i=1
	while [ $i -le "$KILLS" ]; do
		propose_accepted "killed $i"
		(cd "$repo" && run_killed "$1" amend apply -- t.txt) 2>/dev/null
		shift
		fsck_ok
		now=$(git -C "$repo" rev-parse -q --verify HEAD:t.txt)
		if [ "$now" != "$prev" ]; then
			git -C "$repo" show HEAD:t.txt | grep -q "Decides killed $i;" || problem "t.txt at HEAD is neither the previous version nor the amended one"
			nland=$((nland + 1))
		fi
		log_ok
		(cd "$repo" && "$redline" amend show "$aid") 2>&1 | grep -q "applied in" || next_write amend apply -- t.txt
		(cd "$repo" && "$redline" amend show "$aid") 2>&1 | grep -q "applied in" || problem "amendment $aid not marked applied"
		git -C "$repo" show HEAD:t.txt | grep -q "Decides killed $i;" || problem "the amendment is not in the latest version"
		[ "$(git -C "$repo" log --format=%s | grep -c "applied: $aid")" = 1 ] || problem "amendment $aid applied $(git -C "$repo" log --format=%s | grep -c "applied: $aid") times"
		prev=$(git -C "$repo" rev-parse HEAD:t.txt)
		pack_sometimes
		i=$((i + 1))
	done
	[ -z "$(git -C "$repo" status --porcelain)" ] || problem "the work tree is not clean: $(git -C "$repo" status --porcelain)"
	report
}

# ---------------------------------------------------------------- export
kind_export() {
	new_repo exp
	mk 1/2 second >"$tmp/exp-second.txt"
	(cd "$repo" && "$redline" import --author="$who" --path=t.txt --date=2024-01-02 "$tmp/exp-second.txt") >/dev/null
	okrc="0 1"
	(cd "$repo" && "$redline" export --format=text -o "$tmp/ref.txt" 1/1 1/2) >/dev/null
	(cd "$repo" && "$redline" export -o "$tmp/ref.docx" 1/1 1/2) >/dev/null
	[ -s "$tmp/ref.txt" ] && [ -s "$tmp/ref.docx" ] || not_ok "export: the reference documents"
	# at once to one file, replacing it: the file one whole export
	at_once expf export --force --format=text -o "$tmp/out.txt" 1/1 1/2
	if [ $bad = 0 ] && cmp -s "$tmp/out.txt" "$tmp/ref.txt"; then
		ok "export: $CONC at once to one file (--force): each made, the file whole"
	else
		not_ok "export: $CONC at once to one file: $bad failed, file $(cmp "$tmp/out.txt" "$tmp/ref.txt" 2>&1)"
	fi
	# at once to one new file: one makes it, the others are told it exists
	# (a Word document: the format whose writing takes longest; its
	# package carries the time it was made, so its text is compared)
	expect_told=1
	at_once expn export -o "$tmp/new.docx" 1/1 1/2
	expect_told=
	"$abs_top_builddir/tests/docxtext" "$tmp/new.docx" >"$tmp/new.docx.txt" 2>&1
	"$abs_top_builddir/tests/docxtext" "$tmp/ref.docx" >"$tmp/ref.docx.txt" 2>&1
	if [ $bad = $((CONC - 1)) ] && [ -s "$tmp/ref.docx.txt" ] && cmp -s "$tmp/new.docx.txt" "$tmp/ref.docx.txt" &&
		[ "$(cat "$tmp"/expn-err* | grep -c "exists; --force replaces it")" = $((CONC - 1)) ]; then
		ok "export: $CONC at once to one new file: one made it, $bad told it exists, the file whole"
	else
		not_ok "export: $CONC at once to one new file: $bad failed"
	fi

	loop_init export
	max=
	for t in 1 2 3; do
		rm -f "$tmp/out.txt"
		timed export --format=text -o "$tmp/out.txt" 1/1 1/2
	done
	set -- $(delays "$KILLS" "$((max * 3 / 2))")
	i=1
	while [ $i -le "$KILLS" ]; do
		rm -f "$tmp/out.txt"
		(cd "$repo" && run_killed "$1" export --format=text -o "$tmp/out.txt" 1/1 1/2) 2>/dev/null
		shift
		fsck_ok
		if [ -e "$tmp/out.txt" ]; then
			cmp -s "$tmp/out.txt" "$tmp/ref.txt" || problem "out.txt is there but not whole"
			nland=$((nland + 1))
		fi
		log_ok
		next_write export --force --format=text -o "$tmp/out.txt" 1/1 1/2
		cmp -s "$tmp/out.txt" "$tmp/ref.txt" || problem "the next export is not whole"
		pack_sometimes
		i=$((i + 1))
	done
	left=$(find "$tmp" -maxdepth 1 -name '.out.txt.*' | wc -l)
	report
	echo "# export: $left temporary files left beside the destination by killed exports (never at it)"
}

# The kinds run two at a time, each in its own repository and scratch
# folder: the loops are
# mostly waiting on short processes, and 2 x 3 pairs keeps the whole under
# about three minutes on two cores.
run_kind() {
	(tmp="$tmp/$1.d" && mkdir "$tmp" && kind_$1) >"$tmp/tap-$1" 2>&1
}
# KINDS= runs some of them
: "${KINDS:=import bulk propose status apply export}"
set -- $KINDS
while [ $# -gt 0 ]; do
	run_kind "$1" &
	[ $# -gt 1 ] && run_kind "$2" &
	wait
	shift
	[ $# -gt 0 ] && shift
done
for k in $KINDS; do
	cat "$tmp/tap-$k"
	pass=$((pass + $(grep -c '^ok' "$tmp/tap-$k")))
	fail=$((fail + $(grep -c '^not ok' "$tmp/tap-$k")))
done
echo "# $(($(date +%s) - start))s in all"
tap_summary killed
