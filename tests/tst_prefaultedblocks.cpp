// PrefaultedBlocks: blocks handed out whole and distinct, and a background thread that
// maps the next ones ahead.
#include "log/prefaultedblocks.h"

#include <QTest>
#include <cstring>
#include <set>
#include <vector>

class TestPrefaultedBlocks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsBlocksReadyAhead();
    void handsOutDistinctWritableBlocks();
    void givesRecordArraysOfABlock();
};

void TestPrefaultedBlocks::keepsBlocksReadyAhead()
{
    PrefaultedBlocks::Ptr<char[]> first(static_cast<char *>(PrefaultedBlocks::take()));
    QTRY_COMPARE(PrefaultedBlocks::readyCount(), PrefaultedBlocks::Ready);
    std::vector<PrefaultedBlocks::Ptr<char[]>> taken;
    for (int i = 0; i < PrefaultedBlocks::Ready; ++i)
        taken.emplace_back(static_cast<char *>(PrefaultedBlocks::take()));
    QTRY_COMPARE(PrefaultedBlocks::readyCount(), PrefaultedBlocks::Ready); // refilled
}

void TestPrefaultedBlocks::handsOutDistinctWritableBlocks()
{
    // More than are ever ready: the rest are allocated on the spot.
    std::vector<PrefaultedBlocks::Ptr<char[]>> blocks;
    std::set<const char *> seen;
    for (int i = 0; i < 3 * PrefaultedBlocks::Ready; ++i) {
        blocks.emplace_back(static_cast<char *>(PrefaultedBlocks::take()));
        char *b = blocks.back().get();
        QVERIFY(b);
        QVERIFY(seen.insert(b).second);
        std::memset(b, i, PrefaultedBlocks::Bytes); // the whole block is ours
    }
    for (int i = 0; i < int(blocks.size()); ++i) {
        QCOMPARE(blocks[std::size_t(i)][0], char(i));
        QCOMPARE(blocks[std::size_t(i)][PrefaultedBlocks::Bytes - 1], char(i));
    }
}

void TestPrefaultedBlocks::givesRecordArraysOfABlock()
{
    struct Record
    {
        qint64 a;
        quint32 b;
    };
    PrefaultedBlocks::Ptr<Record[]> records = PrefaultedBlocks::takeArray<Record>();
    constexpr std::size_t Count = PrefaultedBlocks::Bytes / sizeof(Record);
    records[Count - 1] = {7, 8};
    QCOMPARE(records[Count - 1].b, 8u);
    PrefaultedBlocks::Ptr<char[]> exact(PrefaultedBlocks::allocateBytes(0)); // one byte
    exact[0] = 'x';
    QCOMPARE(exact[0], 'x');
}

QTEST_GUILESS_MAIN(TestPrefaultedBlocks)
#include "tst_prefaultedblocks.moc"
