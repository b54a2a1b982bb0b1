"""Estimators of the spiking amplification on the counts stored by spiking_split_halves.fsx (issue #15
leftovers): per network the projection a = sum x^.x / sum |x|^2, its value on each half of the kicks,
the vector fit x^(t) ~ a x(t/s) and the norm's maximum; jackknife over networks for the first 4 and all.
Run: /usr/bin/python3 spiking_estimators.py KICKS NETWORKS OUTDIR"""
import numpy as np, sys, glob
n=20; M=200
kicks=int(sys.argv[1]); nseeds=int(sys.argv[2]); out=sys.argv[3]
hdr=open(out+'/predicted_vec.txt').readline().split()
pre=int(hdr[hdr.index('pre')+1]); bins=int(hdr[hdr.index('bins')+1]); binw=float(hdr[hdr.index('bin')+1])
P=np.loadtxt(out+'/predicted_vec.txt',delimiter=',',comments='#')  # (bins-pre, n)
runs=[]
for s in range(nseeds):
    c=np.loadtxt(f'{out}/counts_{s}_{kicks}.txt',delimiter=',').reshape(n,kicks,bins)
    runs.append(c)
t=(np.arange(bins)-pre+0.5)*binw
tp=t[pre:]
def xhat(sets):
    x=np.zeros((n,bins)); tr=0
    for s,ks in sets:
        sg=np.where(np.arange(kicks)%2==0,1.0,-1.0)[ks]
        x+=np.einsum('k,ikb->ib',sg,runs[s][:,ks,:]); tr+=len(ks)
    return x/(tr*M*binw)
def proj(x, win=None):
    X=x[:,pre:].T
    m=slice(None) if win is None else (tp<win)
    return np.sum(X[m]*P[m])/np.sum(P[m]*P[m])
def shapefit(x):
    X=x[:,pre:].T
    best=None
    for sc in np.arange(0.5,2.0001,0.01):
        Ps=np.stack([np.interp(tp/sc,tp,P[:,i],left=P[0,i]) for i in range(n)],1)
        a=np.sum(X*Ps)/np.sum(Ps*Ps); r=np.sum((X-a*Ps)**2)
        if best is None or r<best[0]: best=(r,a,sc)
    return best[1],best[2]
def pnorm(x):
    sq=(x**2).sum(0); noise=sq[:pre].mean()
    nn=np.sqrt(np.maximum(0,sq[pre:]-noise))
    return nn.max()/np.linalg.norm(P,axis=1).max()
allk=list(range(kicks)); h1=allk[:kicks//2]; h2=allk[kicks//2:]
print("seed: proj(all) proj halves | shape a,s | norm-max")
for s in range(nseeds):
    x=xhat([(s,allk)])
    print(s, "%.3f  %.3f %.3f | %.3f %.3f | %.3f"%(proj(x),proj(xhat([(s,h1)])),proj(xhat([(s,h2)])),*shapefit(x),pnorm(x)))
def jack(seeds,f):
    full=f(xhat([(s,allk) for s in seeds]))
    jk=np.array([f(xhat([(s,allk) for s in seeds if s!=q])) for q in seeds])
    return full, np.sqrt((len(seeds)-1)/len(seeds)*np.sum((jk-jk.mean(0))**2,0))
for seeds in [list(range(4)), list(range(nseeds))]:
    print(seeds)
    print("  proj a: %.3f ± %.3f"%jack(seeds,proj))
    print("  proj a (t<100ms): %.3f ± %.3f"%jack(seeds,lambda x: proj(x,0.1)))
    f,se=jack(seeds,lambda x: np.array(shapefit(x)))
    print("  vector shape fit a %.3f ± %.3f, s %.3f ± %.3f"%(f[0],se[0],f[1],se[1]))
    print("  norm max: %.3f ± %.3f"%jack(seeds,pnorm))
