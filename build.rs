// The knowledge base is embedded with include_dir, which does not tell cargo
// about the files it reads; without this a changed outline would not be rebuilt.
fn main() {
    println!("cargo:rerun-if-changed=assets");
}
