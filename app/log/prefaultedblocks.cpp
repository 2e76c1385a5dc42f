#include "log/prefaultedblocks.h"

#include <condition_variable>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

namespace {

/// The background thread and the blocks it has mapped. Lives until exit.
class Pool
{
public:
    Pool() : m_thread([this] { run(); }) {}
    ~Pool()
    {
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread.join();
        for (void *block : m_ready)
            std::free(block);
    }
    Pool(const Pool &) = delete;
    Pool &operator=(const Pool &) = delete;

    void *take()
    {
        void *block = nullptr;
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            if (!m_ready.empty()) {
                block = m_ready.back();
                m_ready.pop_back();
            }
        }
        m_wake.notify_one();
        return block ? block : PrefaultedBlocks::allocateBytes(PrefaultedBlocks::Bytes);
    }

    int readyCount()
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        return int(m_ready.size());
    }

private:
    void run()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_stopping) {
            if (m_ready.size() >= std::size_t(PrefaultedBlocks::Ready)) {
                m_wake.wait(lock);
                continue;
            }
            lock.unlock();
            void *block = std::malloc(PrefaultedBlocks::Bytes);
            if (block)
                touchPages(static_cast<volatile char *>(block));
            lock.lock();
            if (!block) {
                m_wake.wait(lock); // no memory now: try again when a block is taken
                continue;
            }
            m_ready.push_back(block);
        }
    }

    /// Writes one byte per page, so the kernel maps them all here.
    static void touchPages(volatile char *block)
    {
        constexpr std::size_t Page = 4096;
        for (std::size_t at = 0; at < PrefaultedBlocks::Bytes; at += Page)
            block[at] = 0;
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<void *> m_ready;
    bool m_stopping = false;
    std::thread m_thread; ///< Last: started once the rest is built.
};

Pool &pool()
{
    static Pool instance;
    return instance;
}

} // namespace

void *PrefaultedBlocks::take()
{
    return pool().take();
}

int PrefaultedBlocks::readyCount()
{
    return pool().readyCount();
}

char *PrefaultedBlocks::allocateBytes(std::size_t bytes)
{
    void *p = std::malloc(bytes > 0 ? bytes : 1);
    if (!p)
        throw std::bad_alloc();
    return static_cast<char *>(p);
}
