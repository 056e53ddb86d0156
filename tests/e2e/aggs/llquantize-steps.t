# llquantize() with more steps than the factor: buckets of the first magnitude
# that no integer reaches are not drawn; lmag > 0 labels the low bucket.
RUN: dtrace -qn 'BEGIN { @a = llquantize(1, 10, 0, 1, 20); @a = llquantize(2, 10, 0, 1, 20); @a = llquantize(15, 10, 0, 1, 20); @b["k"] = llquantize(50, 10, 2, 3, 5); @b["k"] = llquantize(-700, 10, 2, 3, 5); @b["k"] = llquantize(200, 10, 2, 3, 5); exit(0); }'
STDOUT:


           value  ------------- Distribution ------------- count    
               0 |                                         0        
               1 |@@@@@@@@@@@@@                            1        
               2 |@@@@@@@@@@@@@                            1        
               3 |                                         0        
               4 |                                         0        
               5 |                                         0        
               6 |                                         0        
               7 |                                         0        
               8 |                                         0        
               9 |                                         0        
              10 |                                         0        
              15 |@@@@@@@@@@@@@                            1        
              20 |                                         0        

  k                                                 
           value  ------------- Distribution ------------- count    
            -800 |                                         0        
            -600 |@@@@@@@@@@@@@                            1        
            -400 |                                         0        
            -200 |                                         0        
            -100 |                                         0        
     abs() < 100 |@@@@@@@@@@@@@                            1        
             100 |                                         0        
             200 |@@@@@@@@@@@@@                            1        
             400 |                                         0        

