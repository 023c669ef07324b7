//! End-to-end tests of the binary: exit codes, walking rules, formats, output files.
