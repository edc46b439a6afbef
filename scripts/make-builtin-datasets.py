"""Writes the built-in datasets shipped in data/ from scikit-learn's copies (BSD licensed).
Run with Debian's python3-sklearn: /usr/bin/python3 scripts/make-builtin-datasets.py"""
import csv
from pathlib import Path
from sklearn.datasets import load_diabetes, load_iris

out = Path(__file__).resolve().parent.parent / 'data'
out.mkdir(exist_ok=True)

iris = load_iris()
with open(out / 'iris.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'])
    for x, t in zip(iris.data, iris.target):
        w.writerow([repr(float(v)) for v in x] + [iris.target_names[t]])

diabetes = load_diabetes()
with open(out / 'diabetes.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(list(diabetes.feature_names) + ['progression'])
    for x, t in zip(diabetes.data, diabetes.target):
        w.writerow([repr(float(v)) for v in x] + [repr(float(t))])
