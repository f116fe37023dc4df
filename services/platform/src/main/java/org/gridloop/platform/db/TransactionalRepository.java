package org.gridloop.platform.db;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a step finds the records it changes: loaded once per JTA transaction (locked, {@code SELECT … FOR UPDATE}),
 * the same instance for everyone in that transaction — the command that started the step and the process adapters
 * the engine runs inside it — and written once just before the commit. New records are inserted then too.
 *
 * <p>Subclasses are {@code @Singleton} beans (a client proxy would need a no-argument constructor).
 *
 * @param <K> the record's key
 * @param <T> the record
 */
public abstract class TransactionalRepository<K, T> {

    private final TransactionSynchronizationRegistry transactions;

    protected TransactionalRepository(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** Reads and locks the record. */
    protected abstract Optional<T> selectForUpdate(K key);

    protected abstract void insert(T record);

    protected abstract void update(T record);

    protected abstract K keyOf(T record);

    /** The record, locked until the transaction ends; empty when there is none. */
    public Optional<T> forUpdate(K key) {
        Map<K, Entry<T>> loaded = loaded();
        Entry<T> entry = loaded.get(key);
        if (entry != null) {
            return Optional.of(entry.record);
        }
        Optional<T> selected = selectForUpdate(key);
        selected.ifPresent(record -> loaded.put(key, new Entry<>(record, false)));
        return selected;
    }

    /** The record locked for this transaction; an engine adapter's way to the record its step changes. */
    public T require(K key) {
        return forUpdate(key).orElseThrow(() -> new IllegalStateException("no record " + key));
    }

    /** The record as this transaction sees it, without locking it (this transaction's own copy if it has one). */
    public T read(K key) {
        Entry<T> entry = loaded().get(key);
        if (entry != null) {
            return entry.record;
        }
        return select(key).orElseThrow(() -> new IllegalStateException("no record " + key));
    }

    /** Reads the record without a lock. */
    protected abstract Optional<T> select(K key);

    /** A new record, inserted before the commit. */
    public T add(T record) {
        Map<K, Entry<T>> loaded = loaded();
        K key = keyOf(record);
        if (loaded.containsKey(key)) {
            throw new IllegalStateException("record " + key + " exists in this transaction already");
        }
        loaded.put(key, new Entry<>(record, true));
        return record;
    }

    /** Writes what this transaction loaded or added now rather than at the commit (before a query reads it). */
    public void flush() {
        for (Entry<T> entry : loaded().values()) {
            write(entry);
        }
    }

    private void write(Entry<T> entry) {
        if (entry.inserted) {
            update(entry.record);
        } else if (entry.isNew) {
            insert(entry.record);
            entry.inserted = true;
        } else {
            update(entry.record);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<K, Entry<T>> loaded() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs an active transaction");
        }
        Map<K, Entry<T>> loaded = (Map<K, Entry<T>>) transactions.getResource(this);
        if (loaded == null) {
            Map<K, Entry<T>> fresh = new LinkedHashMap<>();
            transactions.putResource(this, fresh);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                        fresh.values().forEach(TransactionalRepository.this::write);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            loaded = fresh;
        }
        return loaded;
    }

    private static final class Entry<T> {
        final T record;
        final boolean isNew;
        boolean inserted;

        Entry(T record, boolean isNew) {
            this.record = record;
            this.isNew = isNew;
        }
    }
}
