#pragma once

/// What `{{name}}` substitution at Send costs (VariableResolver::resolve, which every
/// composer message goes through): a 64-byte message and a 16 MiB one, without and with
/// a reference, each against QString::toUtf8() of the same text, which sendText() does
/// anyway, measured in the same run. Reports ns per message and the ratio.
void runVariableBenchmarks(bool smoke);
