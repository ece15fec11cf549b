//! Rebuilds the binary when a shipped template changes: `qdfh init` embeds
//! `templates/` (include_dir cannot tell cargo which files it read).

fn main() {
    println!("cargo:rerun-if-changed=templates");
}
