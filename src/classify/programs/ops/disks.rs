//! Disks, filesystems and kernel modules: mount, mkfs, partitioners, LVM, swap, modprobe.

use super::{has_option, positionals, Call};
use crate::classify::verdict::Verdict;
use crate::classify::words::{has_flag, Word};

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let program = call.program;
    let verdict = match program {
        "mount" => mount(args),
        "umount" | "eject" => Verdict::update(format!("{program} detaches a filesystem")),
        "mke2fs" | "mkswap" | "mkdosfs" | "newfs" | "newfs_msdos" | "newfs_hfs" | "newfs_apfs" => {
            Verdict::delete(format!("{program} formats a device, erasing it"))
        }
        _ if program.starts_with("mkfs") => {
            Verdict::delete(format!("{program} formats a device, erasing it"))
        }
        "wipefs" => {
            if has_flag(args, 'a', "--all") || has_flag(args, 'o', "--offset") {
                if has_flag(args, 'n', "--no-act") {
                    Verdict::read("wipefs --no-act only reports")
                } else {
                    Verdict::delete("wipefs erases filesystem signatures")
                }
            } else {
                Verdict::read("wipefs lists filesystem signatures")
            }
        }
        "fdisk" | "gdisk" | "sgdisk" | "cfdisk" => {
            let lists = args.iter().all(|a| {
                a.is("-l") || a.is("--list") || a.is("-p") || a.is("--print") || !a.is_option()
            }) && has_option(args, &["-l", "--list", "-p", "--print"]);
            if lists {
                Verdict::read(format!("{program} -l lists partitions"))
            } else {
                Verdict::update(format!("{program} changes partitions"))
            }
        }
        "sfdisk" => {
            if has_option(
                args,
                &[
                    "-l",
                    "--list",
                    "-d",
                    "--dump",
                    "-s",
                    "--show-size",
                    "-J",
                    "--json",
                    "--verify",
                    "-V",
                ],
            ) {
                Verdict::read("sfdisk lists partitions")
            } else {
                Verdict::update("sfdisk changes partitions")
            }
        }
        "parted" => parted(args),
        "swapon" if args.is_empty() || has_option(args, &["--show", "-s", "--summary"]) => {
            Verdict::read("swapon --show lists swap")
        }
        "swapon" | "swapoff" => Verdict::update(format!("{program} changes swap")),
        "modprobe" if has_flag(args, 'n', "--dry-run") || has_flag(args, 'c', "--showconfig") => {
            Verdict::read("modprobe --dry-run/--showconfig only reports")
        }
        "modprobe" | "insmod" | "rmmod" | "depmod" | "kmod" => {
            Verdict::update(format!("{program} changes kernel modules"))
        }
        "fsck" | "e2fsck" | "fsck.ext4" | "xfs_repair" | "fsck_apfs" => {
            if has_flag(args, 'n', "") && !has_flag(args, 'y', "") {
                Verdict::read(format!("{program} -n only checks"))
            } else {
                Verdict::update(format!("{program} repairs a filesystem"))
            }
        }
        "tune2fs" if args.iter().all(|a| a.is("-l") || !a.is_option()) && !args.is_empty() => {
            Verdict::read("tune2fs -l prints the superblock")
        }
        "dumpe2fs" | "xfs_info" | "btrfs-show-super" | "lvs" | "vgs" | "pvs" | "lvdisplay"
        | "vgdisplay" | "pvdisplay" | "lvscan" | "vgscan" | "pvscan" | "dmsetup-ls" => {
            Verdict::read(format!("{program} only reads"))
        }
        "lvcreate" | "vgcreate" | "pvcreate" => {
            Verdict::create(format!("{program} creates a volume"))
        }
        "lvremove" | "vgremove" | "pvremove" => {
            Verdict::delete(format!("{program} removes a volume"))
        }
        "tune2fs" | "resize2fs" | "xfs_growfs" | "lvextend" | "lvreduce" | "lvresize"
        | "vgextend" | "vgreduce" | "lvchange" | "vgchange" | "pvmove" | "pvresize"
        | "lvrename" | "vgrename" => {
            Verdict::update(format!("{program} changes a filesystem or volume"))
        }
        "cryptsetup" => reads_with_verb(
            program,
            args,
            &[
                "status",
                "luksDump",
                "isLuks",
                "luksUUID",
                "tcryptDump",
                "bitlkDump",
            ],
        ),
        "mdadm" => {
            if has_option(
                args,
                &[
                    "--detail",
                    "-D",
                    "--examine",
                    "-E",
                    "--query",
                    "-Q",
                    "--detail-platform",
                ],
            ) {
                Verdict::read("mdadm reports arrays")
            } else {
                Verdict::update("mdadm changes arrays")
            }
        }
        "blockdev" => {
            let reading = args.iter().all(|a| {
                !a.is_option()
                    || a.text.starts_with("--get")
                    || a.is("--report")
                    || a.is("-v")
                    || a.is("-q")
            });
            if reading {
                Verdict::read("blockdev --get* reports devices")
            } else {
                Verdict::update("blockdev changes device settings")
            }
        }
        "smartctl" => {
            let changing = has_option(
                args,
                &[
                    "-t",
                    "--test",
                    "-s",
                    "--smart",
                    "-o",
                    "--offlineauto",
                    "-S",
                    "--saveauto",
                    "-X",
                    "--abort",
                    "--set",
                ],
            );
            if changing {
                Verdict::update("smartctl changes drive settings or starts a test")
            } else {
                Verdict::read("smartctl reports drive health")
            }
        }
        "losetup" => {
            let reading = args.iter().all(|a| {
                matches!(
                    a.text.as_str(),
                    "-l" | "--list"
                        | "-a"
                        | "--all"
                        | "-J"
                        | "--json"
                        | "-n"
                        | "--noheadings"
                        | "-O"
                        | "--output"
                ) || !a.is_option()
            }) && positionals(args, &["-O", "--output"]).len() <= 1
                && !has_option(args, &["-f", "--find"]);
            if reading {
                Verdict::read("losetup lists loop devices")
            } else {
                Verdict::update("losetup changes loop devices")
            }
        }
        "diskutil" => diskutil(args),
        _ => return None,
    };
    Some(verdict)
}

fn mount(args: &[Word]) -> Verdict {
    let words = positionals(args, &["-t", "--types", "-O", "--test-opts"]);
    let reading_options = args.iter().all(|a| {
        !a.is_option()
            || matches!(
                a.text.as_str(),
                "-l" | "--show-labels"
                    | "-t"
                    | "--types"
                    | "-v"
                    | "--verbose"
                    | "-h"
                    | "--help"
                    | "-V"
                    | "--version"
            )
    });
    if words.is_empty() && reading_options {
        Verdict::read("mount lists mounted filesystems")
    } else {
        Verdict::update(format!("mount attaches {}", super::join_texts(&words)))
    }
}

fn parted(args: &[Word]) -> Verdict {
    if has_option(args, &["-l", "--list", "-v", "--version", "-h", "--help"]) {
        return Verdict::read("parted -l lists partitions");
    }
    let words = positionals(args, &["-a", "--align"]);
    match words.as_slice() {
        [_, command] if command.is("print") || command.is("p") => {
            Verdict::read("parted print lists partitions")
        }
        _ => Verdict::update("parted changes partitions"),
    }
}

fn reads_with_verb(program: &str, args: &[Word], reading: &[&str]) -> Verdict {
    let words = positionals(args, &["--type", "-M", "--key-file", "-d"]);
    match words.first() {
        Some(verb) if reading.contains(&verb.text.as_str()) => {
            Verdict::read(format!("{program} {} only reads", verb.text))
        }
        _ => Verdict::update(format!("{program} changes devices")),
    }
}

fn diskutil(args: &[Word]) -> Verdict {
    let words = positionals(args, &[]);
    let verb = words.first().map_or("", |w| w.text.as_str());
    let second = words.get(1).map_or("", |w| w.text.as_str());
    match verb {
        "list" | "info" | "information" | "activity" | "listFilesystems" => {
            Verdict::read(format!("diskutil {verb} only reads"))
        }
        "apfs" | "cs" | "coreStorage" | "appleRAID" | "ar" if second.starts_with("list") => {
            Verdict::read(format!("diskutil {verb} {second} only reads"))
        }
        _ if verb.starts_with("erase")
            || verb.starts_with("zero")
            || verb.starts_with("random")
            || verb.starts_with("secureErase")
            || verb == "partitionDisk"
            || second.starts_with("delete") =>
        {
            Verdict::delete(format!("diskutil {verb} erases data"))
        }
        _ => Verdict::update(format!("diskutil {verb} changes disks")),
    }
}
