"""A padre command component: scikit-learn's RandomForestClassifier over padre's job folder.

padre runs it once per split with the definition file's folder as cwd and PADRE_JOB_DIR naming the
job folder: job.json (params, seed, classes, ...), train.csv (features + target), test.csv (features).
It writes predictions.csv (prediction, proba_<label> per class) and a metrics.json of its own.
Run by hand on any job folder: PADRE_JOB_DIR=/path/to/job /usr/bin/python3 forest.py
"""
import csv
import json
import os

from sklearn.ensemble import RandomForestClassifier

job_dir = os.environ["PADRE_JOB_DIR"]
with open(os.path.join(job_dir, "job.json")) as f:
    job = json.load(f)


def read(name):
    with open(os.path.join(job_dir, name), newline="") as f:
        return list(csv.DictReader(f))


train, test = read("train.csv"), read("test.csv")
features = job["featureNames"]
X = [[float(r[c]) for c in features] for r in train]
y = [r[job["targetName"]] for r in train]
T = [[float(r[c]) for c in features] for r in test]

params = job["params"]
model = RandomForestClassifier(
    n_estimators=params["nEstimators"],
    max_depth=params["maxDepth"],
    random_state=job["seed"],
)
model.fit(X, y)
predicted = model.predict(T)
# predict_proba's columns follow model.classes_; padre wants one column per class of the dataset.
proba = model.predict_proba(T)
known = list(model.classes_)

with open(os.path.join(job["outputDir"], "predictions.csv"), "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["prediction"] + ["proba_" + c for c in job["classes"]])
    for label, row in zip(predicted, proba):
        out.writerow([label] + [repr(float(row[known.index(c)])) if c in known else "0.0" for c in job["classes"]])

with open(os.path.join(job["outputDir"], "metrics.json"), "w") as f:
    json.dump({"train_accuracy": float(model.score(X, y))}, f)
