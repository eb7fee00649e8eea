//! `aiospec spec`: the rules with what backs them, the traceability audit, and filling
//! SPEC.md's example blocks from CPython.

use std::path::Path;

use super::out::{out, Stop};

pub fn spec_cmd(root: &Path, check: bool, update: bool, timelines: bool) -> Result<u8, Stop> {
    if timelines {
        let n = aiospec::spec::write_timelines(root)?;
        out(&format!(
            "{}: {n} timelines drawn from the model\n",
            aiospec::spec::TIMELINES_DIR
        ))?;
        return Ok(0);
    }
    if update {
        let n = aiospec::spec::update(root)?;
        out(&format!(
            "SPEC.md: {n} example blocks filled from CPython\n"
        ))?;
        return Ok(0);
    }
    if check {
        let problems = aiospec::spec::audit(root)?;
        for p in &problems {
            out(&format!("{p}\n"))?;
        }
        out(&format!("{} traceability problem(s)\n", problems.len()))?;
        return Ok(if problems.is_empty() { 0 } else { 1 });
    }
    out(&aiospec::spec::report(root)?)?;
    Ok(0)
}
