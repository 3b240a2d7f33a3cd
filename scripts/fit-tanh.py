"""
Fits the rational tanh used by the fused recurrent layer (src/core/kernels/activations.ts):
    tanh(x) ~ x * P(x^2) / Q(x^2),  deg P = deg Q = 4,  Q(0) = 1,  on [0, 9]; clamped to +-1 beyond.
Linearised least squares (y*Q = x*P), reweighted toward the largest errors so the fit approaches minimax.
Run: python3 scripts/fit-tanh.py  (needs numpy). Prints the coefficients and the max error on a dense grid.
"""
import numpy as np
# tanh(x) ~ x * P(x^2) / Q(x^2) on [0, C]; Q(0)=1. Fit by linearised least squares, iteratively reweighted toward minimax.
C = 9.0
def fit(np_, nq, iters=60):
    x = np.concatenate([np.linspace(0, C, 20000), np.cos(np.linspace(0, np.pi, 4000)) * C / 2 + C / 2])
    x = np.unique(x); s = x * x; y = np.tanh(x)
    w = np.ones_like(x)
    Qprev = np.ones_like(x)
    for it in range(iters):
        # y*Q(s) = x*P(s): unknowns p0..p_np, q1..q_nq
        A = np.hstack([ (x[:,None] * s[:,None]**np.arange(np_+1)), -(y[:,None] * s[:,None]**np.arange(1,nq+1)) ])
        rhs = y
        W = (w / Qprev)[:,None]
        coef, *_ = np.linalg.lstsq(A*W, rhs*W[:,0], rcond=None)
        p = coef[:np_+1]; q = np.concatenate([[1.0], coef[np_+1:]])
        Q = np.polyval(q[::-1], s); P = np.polyval(p[::-1], s)
        err = x*P/Q - y
        Qprev = Q
        w = w * (1 + 4*np.abs(err)/np.abs(err).max())
        w /= w.mean()
    return p, q, np.abs(err).max()
for np_, nq in [(4, 4)]:
    p,q,e = fit(np_,nq)
    xx = np.linspace(0, 12, 2000001).astype(np.float64)
    ss = xx*xx
    approx = np.where(xx < C, xx*np.polyval(p[::-1], np.minimum(ss, C*C))/np.polyval(q[::-1], np.minimum(ss, C*C)), 1.0)
    print(np_, nq, 'fit err', e, 'dense err', np.abs(approx - np.tanh(xx)).max(), 'minQ', np.polyval(q[::-1], ss[xx<C]).min())
    print('  p', repr(p.tolist())); print('  q', repr(q.tolist()))
