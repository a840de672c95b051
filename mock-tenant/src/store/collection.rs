//! One resource's records, in insertion order, each kept as the bytes a
//! response carries, rendered once per write (an unfiltered page is
//! spliced from bytes without serialising, as the list routes always
//! were), and as a JSON value for filters, sorters and patches. Seeded
//! records parse their value from their bytes on first use: 100,000
//! accounts start as fast and as small as pre-rendered pages alone.

use bytes::Bytes;
use indexmap::IndexMap;
use serde_json::Value;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy)]
pub struct Drift {
    pub index: usize,
    pub ordinal: usize,
}

pub struct Record {
    /// Parsed from `bytes` on first use when not given.
    value: OnceLock<Value>,
    pub bytes: Bytes,
    /// The wrong-typed-field fault for this record, if it has one (its
    /// seed index and the fault's ordinal): its bytes carry the drifted
    /// field, its value stays clean for filters and patches.
    pub drift: Option<Drift>,
}

impl Record {
    pub fn new(value: Value, drift: Option<Drift>) -> Record {
        let bytes = render(&value, drift);
        Record {
            value: OnceLock::from(value),
            bytes,
            drift,
        }
    }

    /// A record whose bytes are its value, rendered by the caller.
    pub fn rendered(bytes: Bytes) -> Record {
        Record {
            value: OnceLock::new(),
            bytes,
            drift: None,
        }
    }

    pub fn value(&self) -> &Value {
        // Only `rendered` leaves it empty, and its bytes are JSON.
        self.value.get_or_init(|| serde_json::from_slice(&self.bytes).expect("rendered records are JSON"))
    }

    /// `f` of the record's value, without keeping a value parsed for the
    /// call: a filtered list over 100,000 seeded accounts would otherwise
    /// hold every one of them parsed (about 1 GB) for the tenant's life.
    pub fn with_value<R>(&self, f: impl FnOnce(&Value) -> R) -> R {
        match self.value.get() {
            Some(value) => f(value),
            None => f(&serde_json::from_slice(&self.bytes).expect("rendered records are JSON")),
        }
    }

    /// Whether a value is kept parsed.
    #[cfg(test)]
    pub fn is_parsed(&self) -> bool {
        self.value.get().is_some()
    }

    pub fn into_value(self) -> Value {
        self.value();
        self.value.into_inner().expect("just initialised")
    }
}

fn render(value: &Value, drift: Option<Drift>) -> Bytes {
    let Some(drift) = drift else {
        return Bytes::from(serde_json::to_vec(value).expect("values serialise"));
    };
    let mut drifted = value.clone();
    if let Some(object) = drifted.as_object_mut() {
        crate::drift::account(object, drift.index, drift.ordinal);
    }
    Bytes::from(serde_json::to_vec(&drifted).expect("values serialise"))
}

#[derive(Default)]
pub struct Collection {
    records: IndexMap<String, Record>,
}

impl Collection {
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn get(&self, id: &str) -> Option<&Record> {
        self.records.get(id)
    }

    pub fn records(&self) -> impl ExactSizeIterator<Item = &Record> + '_ {
        self.records.values()
    }

    /// The records at `range` of the insertion order.
    pub fn slice(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &Record> + '_ {
        self.records.get_range(range).into_iter().flat_map(|slice| slice.values())
    }

    /// Inserts or replaces the record under its `id`, keeping its place.
    pub fn put(&mut self, id: String, value: Value) {
        let drift = self.records.get(&id).and_then(|r| r.drift);
        self.records.insert(id, Record::new(value, drift));
    }

    pub fn put_record(&mut self, id: String, record: Record) {
        self.records.insert(id, record);
    }

    /// Removes a record; later records keep their order.
    pub fn remove(&mut self, id: &str) -> Option<Record> {
        self.records.shift_remove(id)
    }
}
