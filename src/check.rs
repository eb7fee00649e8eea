use aiospec_model::PyVersion;
use std::path::PathBuf;
pub struct Report;
impl Report {
    pub fn render(&self) -> String {
        String::new()
    }
    pub fn disagreements(&self) -> usize {
        0
    }
}
pub fn check_paths(_p: &[PathBuf], _v: &[PyVersion]) -> Result<Report, String> {
    Err("todo".into())
}
