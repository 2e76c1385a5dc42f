#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <type_traits>

/// Storage blocks for the logs that hold a million rows (MessageLog, FrameLog), whose
/// pages a background thread has already touched.
///
/// A flood writes some 130 MB of fresh rows. Touching fresh memory makes the kernel map
/// and zero each 4 KiB page on a page fault, and on the UI thread those faults were a
/// quarter of its time. A background thread keeps Ready blocks mapped ahead; take()
/// hands one over (or allocates one itself when none is ready) and wakes the thread to
/// map the next. The idle cost is Ready blocks of memory per process.
namespace PrefaultedBlocks {

/// A block's size, in bytes.
constexpr std::size_t Bytes = std::size_t(1) << 20;
/// Blocks kept mapped ahead.
constexpr int Ready = 4;

/// Frees a block (std::free).
struct Free
{
    void operator()(void *p) const { std::free(p); }
};
template <typename T> using Ptr = std::unique_ptr<T, Free>;

/// A block of Bytes bytes, its contents unspecified; throws std::bad_alloc when no
/// memory is left.
void *take();

/// Blocks mapped and waiting for take() now (for tests; 0 to Ready).
int readyCount();

/// @p bytes (at least 1) of uninitialised memory from std::malloc, freed by Free;
/// throws std::bad_alloc when none is left.
char *allocateBytes(std::size_t bytes);

/// A block of Bytes / sizeof(T) elements of the trivial type @p T, uninitialised.
template <typename T> Ptr<T[]> takeArray()
{
    static_assert(std::is_trivially_destructible_v<T> && std::is_trivially_constructible_v<T>,
                  "a block is freed, not destroyed");
    T *first = static_cast<T *>(take());
    std::uninitialized_default_construct_n(first, Bytes / sizeof(T));
    return Ptr<T[]>(first);
}

} // namespace PrefaultedBlocks
