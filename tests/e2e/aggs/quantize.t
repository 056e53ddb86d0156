# quantize() and lquantize() histograms drawn as DTrace draws them.
RUN: dtrace -qn 'BEGIN { @q = quantize(0); @q = quantize(1); @q = quantize(5); @q = quantize(5); @q = quantize(-3); @l["x"] = lquantize(3, 0, 10, 2); @l["x"] = lquantize(12, 0, 10, 2); exit(0); }'
STDOUT:


           value  ------------- Distribution ------------- count    
              -4 |                                         0        
              -2 |@@@@@@@@                                 1        
              -1 |                                         0        
               0 |@@@@@@@@                                 1        
               1 |@@@@@@@@                                 1        
               2 |                                         0        
               4 |@@@@@@@@@@@@@@@@                         2        
               8 |                                         0        

  x                                                 
           value  ------------- Distribution ------------- count    
               0 |                                         0        
               2 |@@@@@@@@@@@@@@@@@@@@                     1        
               4 |                                         0        
               6 |                                         0        
               8 |                                         0        
           >= 10 |@@@@@@@@@@@@@@@@@@@@                     1        

