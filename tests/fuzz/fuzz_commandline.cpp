// libFuzzer harness: CommandLineImport::fromText on any UTF-8 text. A success must be
// one connection whose profile has no problem and no events; the words stay in bounds.
#include "fuzzcheck.h"
#include "import/commandlineimport.h"
#include "import/shelltokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    ImportError error;
    const QList<ShellToken> tokens = ShellTokenizer::split(text, &error);
    fuzzCheck(tokens.size() <= ShellTokenizer::MaxTokens, "at most MaxTokens words");
    fuzzCheck(tokens.isEmpty() != error.isEmpty(), "words xor an error");
    for (const ShellToken &t : tokens)
        fuzzCheck(t.offset >= 0 && t.offset < text.size(), "a word starts in the text");

    const ImportResult r = CommandLineImport::fromText(text);
    checkResult(r);
    if (r.ok()) {
        fuzzCheck(r.connections.size() == 1, "one connection");
        const Profile &p = r.connections.first().profile;
        fuzzCheck(p.problem().isEmpty(), "the profile has no problem");
        fuzzCheck(r.connections.first().events.isEmpty(), "no events");
    }
    return 0;
}
