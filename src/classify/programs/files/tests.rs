//! Table-driven cases for the file and text programs, many of them adversarial.

use crate::classify::{classify, Label};

fn check(cases: &[(&str, Label)]) {
    let mut failures = Vec::new();
    for (command, want) in cases {
        let got = classify(command);
        if got.label != *want {
            failures.push(format!("{command:?}: got {got}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

use Label::{Create, Delete, Read, Update};

#[test]
fn readers_take_any_arguments() {
    check(&[
        ("ls -la $HOME", Read),
        ("cat -- -i.txt", Read),
        ("grep -rn \"rm -rf\" scripts/", Read),
        ("head -n 5 $(ls -t | head -1)", Read),
        ("jq -r '.a' --rawfile x y.txt data.json", Read),
        ("rm --help", Read),
        ("mktemp -du", Read),
    ]);
}

#[test]
fn find_skips_predicate_arguments_and_judges_exec() {
    check(&[
        ("find . -name '-delete'", Read),
        ("find . -path ./x -prune -o -type f -print", Read),
        ("find . -newermt 2024-01-01 -name '*.rs'", Read),
        ("find . -type f -exec cat {} \\;", Read),
        ("find . -type f -exec grep -l foo {} +", Read),
        ("find . -name '*.o' -exec rm {} \\;", Delete),
        ("find . -name '*.o' -execdir rm -f {} +", Delete),
        ("find . -name x -exec cat {} \\; -delete", Delete),
        ("find . -empty -delete", Delete),
        ("find . -fprint out.txt", Create),
        ("find . -fprint /dev/stderr", Read),
        ("find . -printf '%p -delete\\n'", Read),
        ("find $DIR -name x", Update),
        ("find * -name x", Update),
        ("find . -frobnicate", Update),
        ("find . -exec sh -c 'touch \"$1.bak\"' _ {} \\;", Create),
        ("find . -exec sh -c 'cat {}' \\;", Update),
        ("find . -exec sh -c 'cat \"$1\"' sh {} \\;", Read),
        ("find . -exec sed -n '/{}/p' index.txt \\;", Update),
        ("find . -name '*.c' -exec cp {} {}.orig \\;", Create),
    ]);
}

#[test]
fn fd_judges_its_commands() {
    check(&[
        ("fd -e rs", Read),
        ("fd -t f -x wc -l", Read),
        ("fd -x sh -c 'wc -l {/}'", Update),
        ("fd -HX rm", Delete),
        ("fd --exec=rm -rf ';' -e tmp", Delete),
        ("fd -e md --exec-batch sed -i s/a/b/", Update),
    ]);
}

#[test]
fn sed_options_and_scripts() {
    check(&[
        ("sed -n '1,5p' file.txt", Read),
        ("sed -i 's/a/b/' f", Update),
        ("sed -i 's/.*/rm -f &/e' f", Delete),
        ("sed -i'' 's/a/b/' f", Update),
        ("sed -i.bak 's/a/b/' f", Update),
        ("sed -ni 'p' f", Update),
        ("sed -Ei 's/a/b/' f", Update),
        ("sed --in-pl=.orig 's/a/b/' f", Update),
        ("sed -e 's/a/b/' -i f", Update),
        ("sed -ei f", Read),
        ("sed 's|/usr|/opt|g' paths.txt", Read),
        ("sed 's#a#b#w out.txt' f", Create),
        ("sed -n '/x/w matches.txt' f", Create),
        ("sed 's/x/y/w /dev/stdout' f", Read),
        ("sed '/start/,/end/{s/a/b/;p}' f", Read),
        ("sed 's/w x/e y/' f", Read),
        ("sed 's/a\\/w/b/' f", Read),
        ("sed 'y/abc/xyz/' f", Read),
        ("sed '1e rm -rf /tmp/x' f", Delete),
        ("sed 'e' f", Update),
        ("sed 's/.*/echo &/e' f", Update),
        ("sed 'a hello; w out.txt' f", Read),
        ("sed ':a;N;$!ba;s/\\n/ /g' f", Read),
        ("sed 's/[/]/x/w out' f", Create),
        ("sed 'b x;s/[/]/x/w out' f", Create),
        ("sed 's/[[:alpha:]/]/x/w out' f", Create),
        ("sed 's\\a\\b\\w out' f", Create),
        ("sed -f script.sed f", Update),
        ("sed \"$SCRIPT\" f", Update),
        ("sed -n 1p \"$HOME/.bashrc\"", Read),
        ("sed -n 1p \"$HOME$X\"", Update),
        ("sed -n 1p $(cat list.txt)", Update),
        ("find $HOME/src -name '*.rs'", Read),
        ("sed -n p *.txt", Update),
        ("sed -l 5 -n p f", Read),
        ("sed -l 'w out' f", Update),
        ("sed 'k' f", Update),
    ]);
}

#[test]
fn awk_programs() {
    check(&[
        ("awk '{print $1}' f", Read),
        ("awk 'length > 120' src/main.rs", Read),
        ("awk '$3 > 100 {print $1}' f", Read),
        ("awk '{print \"a > b\"}' f", Read),
        ("awk '{print ($1 > $2)}' f", Read),
        ("awk '{print > \"out.txt\"}' f", Create),
        ("awk '{printf(\"%s\\n\", $0) > \"out.txt\"}' f", Create),
        ("awk '{print >> \"all.log\"}' f", Update),
        ("awk '{print > $1 \".txt\"}' f", Update),
        ("awk '{print > \"/dev/stderr\"}' f", Read),
        ("awk '{print | \"sort -u\"}' f", Read),
        ("awk '{print | \"sh\"}' f", Update),
        ("awk 'BEGIN { \"ls\" | getline d; print d }'", Read),
        ("awk '{ cmd | getline x }' f", Update),
        ("awk 'BEGIN { system(\"rm -rf /tmp/x\") }'", Delete),
        ("awk '{ system($0) }' f", Update),
        ("awk '/a|b/ {print}' f", Read),
        ("awk '/\"/ { system(\"touch x\") }' f", Create),
        ("awk '{ x = $1 / 2; system(\"touch y\") }' f", Create),
        (
            "awk 'BEGIN { f = \"/inet/tcp/0/example.com/80\"; print \"x\" |& f }'",
            Update,
        ),
        ("awk -f prog.awk f", Update),
        ("gawk -i inplace '{print}' f", Update),
        ("awk -v n=3 'NR <= n' f", Read),
        ("awk '@load \"filefuncs\"; {print}' f", Update),
        ("awk '{print $1}' *.log", Update),
        (
            "awk '{ if (0) exit /\"/; system(\"rm -rf x\"); y = \"/\" }' f",
            Delete,
        ),
        ("awk '{print $1,-$2}' f", Read),
    ]);
}

#[test]
fn output_options_of_filters() {
    check(&[
        ("sort -o data.txt data.txt", Update),
        ("sort -o sorted.txt data.txt", Create),
        ("sort -k2 -o /dev/stdout data.txt", Read),
        ("sort -uo out.txt in.txt", Create),
        ("sort --output=in.txt in.txt", Update),
        ("sort --compress-program=gzip big.txt", Update),
        ("sort -t, -k 2n data.csv", Read),
        ("sort $OPTS data.txt", Update),
        ("uniq -c sorted.txt", Read),
        ("uniq sorted.txt deduped.txt", Create),
        ("tee out.log", Create),
        ("tee -a out.log", Update),
        ("tee /dev/null", Read),
        ("xxd file.bin", Read),
        ("xxd -r hex.txt out.bin", Create),
        ("xxd -c 16 file.bin", Read),
        ("dd if=disk.img bs=512 count=1", Read),
        ("dd if=/dev/zero of=disk.img bs=1M count=1", Update),
        ("iconv -f latin1 -t utf-8 a.txt", Read),
        ("iconv -f latin1 -t utf-8 -o b.txt a.txt", Create),
        ("base64 -d payload.b64", Read),
        ("base64 -i in.bin -o out.b64", Create),
        ("yq '.a' f.yaml", Read),
        ("yq -i '.a = 1' f.yaml", Update),
        ("yq -Pi '.a = 1' f.yaml", Update),
        ("yq -o json '.a' f.yaml", Read),
        ("rg -z ERROR logs/", Read),
        ("rg --pre ./decode.sh foo", Update),
        ("rg --no-ignore --hidden foo", Read),
        ("rg '[A-Z]+' src", Read),
        ("rg foo [-a]*", Update),
        ("rg foo [!a]*", Update),
        ("rg foo [+--]x", Update),
        ("rg -e --pre foo", Read),
        ("ack --pag=cat foo", Update),
        ("ag --rust foo", Read),
        ("sdiff -o merged.txt a b", Create),
        ("diff3 --diff-program=./x a b c", Update),
        ("echo '2 3 + p' | dc", Read),
        ("dc -e '!rm x'", Update),
        ("split -l 100 big.csv part_", Create),
        ("split --filter='rm $FILE' big.csv", Delete),
    ]);
}

#[test]
fn pagers_and_viewers() {
    check(&[
        ("less README.md", Read),
        ("less -R +G log.txt", Read),
        ("less +/error log.txt", Read),
        ("less +'!touch x' README.md", Create),
        ("more +'!rm -rf build' README.md", Delete),
        ("less -o copy.txt README.md", Create),
        ("less -SRo copy.txt README.md", Create),
        ("less -Ps%f README.md", Read),
        ("less --log-file=x README.md", Create),
        ("less -k keys README.md", Update),
        ("bat -n src/main.rs", Read),
        ("bat --pager 'rm -rf x' f", Update),
        ("tree -L 2", Read),
        ("tree -o listing.txt", Create),
        ("file -b build/app", Read),
        ("file -C -m magic", Create),
        ("stty -a", Read),
        ("stty raw", Update),
        ("tput cols", Read),
    ]);
}

#[test]
fn archives_and_compressors() {
    check(&[
        ("tar -tvf backup.tar", Read),
        ("tar tzf backup.tgz", Read),
        ("tar -xvf backup.tar", Create),
        ("tar xzf backup.tgz -C /tmp/x", Create),
        ("tar -xOf backup.tar etc/passwd", Read),
        ("tar czf site.tgz public/", Create),
        ("tar -rf backup.tar extra.txt", Update),
        ("tar --delete -f backup.tar old.txt", Delete),
        ("tar -czf x.tgz --remove-files dir", Delete),
        ("tar -tf x.tar --to-command='sh -c x'", Update),
        ("tar -t -I 'sh -c id' -f x.tar", Update),
        (
            "tar -tf x.tar --checkpoint=1 --checkpoint-action=exec=sh",
            Update,
        ),
        ("tar -tf x.tar --use=./evil", Update),
        ("tar -tf user@host:backup.tar", Update),
        ("tar -cf - dir", Read),
        ("zip -r site.zip public/", Create),
        ("zip -u site.zip index.html", Update),
        ("zip -d site.zip old.html", Delete),
        ("zip -rm site.zip public/", Delete),
        ("unzip -l site.zip", Read),
        ("unzip -p site.zip index.html", Read),
        ("unzip site.zip", Create),
        ("unzip -o site.zip -d out", Create),
        ("7z l a.7z", Read),
        ("7z x a.7z", Create),
        ("7z a a.7z dir", Create),
        ("7z d a.7z f", Delete),
        ("gzip -c data.txt", Read),
        ("gzip data.txt", Update),
        ("gzip -k data.txt", Create),
        ("gunzip -c backup.sql.gz", Read),
        ("gunzip backup.sql.gz", Update),
        ("zcat backup.sql.gz", Read),
        ("xz -T 4 -l a.xz", Read),
        ("xz -d a.xz", Update),
        ("zstd -19 data.txt", Create),
        ("zstd --rm data.txt", Update),
        ("zstd -dc a.zst", Read),
        ("zstd -d a.zst -o a", Create),
        ("bzip2 -dc a.bz2", Read),
        ("gzip", Read),
    ]);
}

#[test]
fn writers() {
    check(&[
        ("cp -r src/ backup/", Create),
        ("cp -n defaults.toml settings.toml", Create),
        ("mv a b", Update),
        ("rm -rf target/", Delete),
        ("rmdir empty", Delete),
        ("unlink x", Delete),
        ("shred secrets.txt", Update),
        ("shred -zu secrets.txt", Delete),
        ("mkdir -p a/b", Create),
        ("touch notes.md", Create),
        ("touch -c notes.md", Update),
        ("ln -s a b", Create),
        ("mktemp", Create),
        ("mktemp -u", Read),
        ("chmod +x run.sh", Update),
        ("chown -R me dir", Update),
        ("truncate -s 0 log", Update),
        ("install -m 755 app /usr/local/bin/", Update),
        ("patch -p1 < fix.patch", Update),
        ("patch --dry-run -p1 < fix.patch", Read),
        ("dos2unix notes.txt", Update),
        ("dos2unix < a.txt", Read),
        ("sponge out.txt", Update),
        ("vim notes.md", Update),
        ("code .", Update),
        ("xdg-open report.pdf", Update),
        ("gsed -i s/a/b/ f", Update),
        ("gfind . -delete", Delete),
        ("gls -la", Read),
    ]);
}
