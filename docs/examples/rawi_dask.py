"""rawi on a Dask cluster (docs/scaling.md, "Dask"): JSON Lines files in,
rawi extract's records out, one part file per input file, with one model
per worker process.

    python3 docs/examples/rawi_dask.py OUT_DIR FILE.jsonl ...   # a local cluster

or, against a running cluster, from Python:

    from distributed import Client
    import rawi_dask
    rawi_dask.extract_files(Client("tcp://scheduler:8786"), files, "out/")

The workers need rawi installed (or on their PYTHONPATH) and this module
importable, since the functions below are sent by reference.
"""
import json
import os
import sys


def extract_lines(lines):
    """The records of a partition's JSON lines, in order. Runs on a worker:
    rawi.shared_model() builds the worker's model on its first task and
    keeps it for the next ones. A document that fails gets its error
    record, as with rawi extract."""
    import rawi
    model = rawi.shared_model()
    docs = (json.loads(line) for line in lines if line.strip())
    # Dask writes a newline after each item: the records' own are dropped
    return [rec.rstrip("\n") for rec in
            model.extract_many(docs, threads=1, format="jsonl",
                               errors="record")]


def extract_files(client, files, out_dir):
    """Extract every file (one partition each, read in order) into
    out_dir/NNN.jsonl; returns the part files in input order. Their
    concatenation is what `rawi extract FILES` writes."""
    import dask.bag as db
    bag = db.read_text(list(files), blocksize=None)  # a partition a file
    records = bag.map_partitions(extract_lines)
    os.makedirs(out_dir, exist_ok=True)
    return records.to_textfiles(os.path.join(out_dir, "*.jsonl"),
                                last_endline=True, compute=True,
                                name_function=lambda i: "%03d" % i)


def main(argv):
    if len(argv) < 3:
        sys.exit("usage: rawi_dask.py OUT_DIR FILE.jsonl ...")
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1,
                      dashboard_address=None) as cluster, \
            Client(cluster) as client:
        for part in extract_files(client, argv[2:], argv[1]):
            print(part)


if __name__ == "__main__":
    main(sys.argv)
