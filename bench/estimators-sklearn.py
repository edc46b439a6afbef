"""Child process of bench/estimators.mjs: times one scikit-learn pipeline (fit, predict, predict_proba where
the estimator has it) single-threaded on the benchmark's CSV rows, in wall time and CPU time. Imports are done before timing."""
import json
import sys
import time

import numpy as np
from threadpoolctl import threadpool_limits
from sklearn.decomposition import PCA
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

spec, folder, repeats = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3])
train = np.loadtxt(f"{folder}/{spec['task']}-train.csv", delimiter=',')
test = np.loadtxt(f"{folder}/{spec['task']}-test.csv", delimiter=',')
X, y, T = train[:, :-1], train[:, -1], test[:, :-1]


def once():
    t0, c0 = time.perf_counter(), time.process_time()
    model = make_pipeline(*[globals()[name](**params) for name, params in spec['sklearn']])
    model.fit(X, y)
    predicted = model.predict(T)
    if spec['task'] == 'classification' and not isinstance(model[-1], SVC):
        model.predict_proba(T)
    assert len(predicted) == len(T)
    return {'wall': (time.perf_counter() - t0) * 1000, 'cpu': (time.process_time() - c0) * 1000}


with threadpool_limits(limits=1):
    cold = once()
    warm = [once() for _ in range(repeats)]
print(json.dumps({'cold': cold, 'warm': warm}))
