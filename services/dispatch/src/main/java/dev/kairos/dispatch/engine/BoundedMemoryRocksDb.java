package dev.kairos.dispatch.engine;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of this instance: one block cache and one write buffer
 * manager shared by all stores (index and filter blocks counted in the cache), instead of RocksDB's
 * per-store defaults, which grow with the number of stores and partitions. Sizes come from the Streams
 * settings {@value #CACHE_BYTES} and {@value #WRITE_BUFFER_BYTES} (the recipe of the Kafka Streams memory
 * management guide).
 */
public class BoundedMemoryRocksDb implements RocksDBConfigSetter {

    static final String CACHE_BYTES = "kairos.rocksdb.block-cache-bytes";
    static final String WRITE_BUFFER_BYTES = "kairos.rocksdb.write-buffer-bytes";

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void share(long cacheBytes, long writeBufferBytes) {
        if (cache == null) {
            // Write buffers are charged to the cache, so cacheBytes is the bound for both together.
            cache = new LRUCache(cacheBytes, -1, false, 0.1);
            writeBufferManager = new WriteBufferManager(writeBufferBytes, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        share(bytes(configs, CACHE_BYTES, 64L << 20), bytes(configs, WRITE_BUFFER_BYTES, 16L << 20));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setTableFormatConfig(table);
    }

    /** Bytes held in the shared cache, write buffers included: what every store of the process holds off-heap. */
    static long usage() {
        synchronized (BoundedMemoryRocksDb.class) {
            return cache == null ? 0 : cache.getUsage();
        }
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store: they live as long as the process.
    }

    private static long bytes(Map<String, Object> configs, String key, long fallback) {
        Object value = configs.get(key);
        return value == null ? fallback : Long.parseLong(value.toString());
    }
}
