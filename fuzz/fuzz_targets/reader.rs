//! Fuzz target: the reader on arbitrary bytes must return forms or a
//! `:reader` error, never panic. Valid UTF-8 is read as is; other input is
//! read after lossy conversion (the CLI rejects invalid UTF-8 before reading).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match sema_reader::read_all(&text, None) {
        Ok(forms) => {
            // Whatever was read must print without panicking.
            for f in &forms {
                let _ = sema_core::printer::repr(f);
            }
        }
        Err(e) => assert_eq!(e.type_keyword(), "reader", "{e}"),
    }
    let _ = sema_reader::needs_more_input(&text);
});
